import type { SyncStatus } from '../../src-shared/ipc/channels/sync.js';

export type SyncTone = 'ok' | 'busy' | 'warn' | 'error' | 'idle';

export interface SyncLabel {
  key: string;
  values: Record<string, string>;
  tone: SyncTone;
  /** main's sentence, when it explains a problem. */
  detail: string | null;
}

/** What the status bar says about one connection; formatting time is the caller's (it knows the locale). */
export function syncLabel(status: SyncStatus | undefined, formatTime: (iso: string) => string): SyncLabel {
  const state = status?.state ?? 'never';
  const detail = status?.message ?? null;
  switch (state) {
    case 'synced':
      return { key: 'sync.synced', values: { time: status?.syncedAt ? formatTime(status.syncedAt) : '' }, tone: 'ok', detail };
    case 'syncing':
      return { key: 'sync.syncing', values: {}, tone: 'busy', detail };
    case 'offline':
      return { key: 'sync.offline', values: {}, tone: 'warn', detail };
    case 'needs_sign_in':
      return { key: 'sync.needs_sign_in', values: {}, tone: 'warn', detail };
    case 'error':
      return { key: 'sync.error', values: {}, tone: 'error', detail };
    case 'never':
      return { key: 'sync.never', values: {}, tone: 'idle', detail };
  }
}

/**
 * One formatter per language: building an Intl.DateTimeFormat costs far more than formatting, and
 * the status bar formats every connection's time on each sync state change (20 of them: 10-20 ms).
 */
const clocks = new Map<string, Intl.DateTimeFormat>();

export function formatClock(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  let clock = clocks.get(locale);
  if (!clock) clocks.set(locale, (clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' })));
  return clock.format(date);
}
