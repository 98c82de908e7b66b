import { app } from 'electron';
import type { Settings } from '../../src-shared/ipc/channels/settings.js';
import type { Core } from '../core.js';

/** The settings only the desktop app has, with the defaults a user who never chose gets. */
export interface DesktopSettings {
  keepInTray: boolean;
  launchAtLogin: boolean;
  updateChannel: NonNullable<Settings['updateChannel']>;
}

export function desktopSettings(settings: Settings): DesktopSettings {
  return { keepInTray: settings.keepInTray ?? false, launchAtLogin: settings.launchAtLogin ?? false, updateChannel: settings.updateChannel ?? 'stable' };
}

async function read(core: Core): Promise<Settings | null> {
  const reply = await core.dispatch('settings.get', {});
  return reply.ok ? (reply.result as Settings) : null;
}

/**
 * Reads the settings now and after every change the window made, and keeps the login item in
 * step with "launch at login". The login item is only written once the user chose, so a first
 * start never registers Clientdeck with the session.
 */
export async function followDesktopSettings(core: Core, onChange: (settings: DesktopSettings) => void): Promise<{ current(): DesktopSettings; stop(): void }> {
  const initial = await read(core);
  let current = desktopSettings(initial ?? { language: null, theme: 'system' });
  if (initial?.launchAtLogin !== undefined) app.setLoginItemSettings({ openAtLogin: current.launchAtLogin });

  const stop = core.events.on((event, payload) => {
    if (event !== 'data.changed' || !(payload as { lists: string[] }).lists.includes('settings')) return;
    void read(core).then((settings) => {
      if (!settings) return;
      const next = desktopSettings(settings);
      if (next.launchAtLogin !== current.launchAtLogin) app.setLoginItemSettings({ openAtLogin: next.launchAtLogin });
      current = next;
      onChange(next);
    });
  });
  return { current: () => current, stop };
}
