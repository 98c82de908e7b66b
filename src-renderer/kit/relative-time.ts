const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type RelativeUnit = 'now' | 'minute' | 'hour' | 'day' | 'date';

/** How long ago, in the largest unit that reads naturally: "5 min ago", "3 days ago", else the date. */
export function relativeParts(iso: string, now: Date): { unit: RelativeUnit; value: number } | null {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return null;
  const ago = Math.max(0, now.getTime() - then);
  if (ago < MINUTE) return { unit: 'now', value: 0 };
  if (ago < HOUR) return { unit: 'minute', value: Math.floor(ago / MINUTE) };
  if (ago < DAY) return { unit: 'hour', value: Math.floor(ago / HOUR) };
  if (ago < 30 * DAY) return { unit: 'day', value: Math.floor(ago / DAY) };
  return { unit: 'date', value: then };
}

const relFormats = new Map<string, Intl.RelativeTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The text for `relativeParts`, in the UI's language, through Intl (no strings to translate). */
export function formatRelative(iso: string, now: Date, locale: string): string {
  const parts = relativeParts(iso, now);
  if (!parts) return '';
  if (parts.unit === 'date') return formatDate(iso, locale);
  let rel = relFormats.get(locale);
  if (!rel) relFormats.set(locale, (rel = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' })));
  if (parts.unit === 'now') return rel.format(0, 'second');
  return rel.format(-parts.value, parts.unit);
}

export function formatDate(iso: string, locale: string, withTime = false): string {
  const key = `${locale}|${withTime}`;
  let fmt = dateFormats.get(key);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(locale, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' });
    dateFormats.set(key, fmt);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : fmt.format(date);
}
