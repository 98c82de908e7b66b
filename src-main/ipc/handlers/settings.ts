import type { settingsChannels } from '../../../src-shared/ipc/channels/settings.js';
import type { IpcHandlers } from '../dispatcher.js';
import type { HandlerDeps } from '../handler-deps.js';

export function createSettingsHandlers(deps: HandlerDeps): Pick<IpcHandlers, keyof typeof settingsChannels> {
  return {
    'settings.get': async () => deps.settings.get(),

    'settings.update': async (change) => {
      const settings = deps.settings.update(change);
      deps.events.changed(['settings']);
      return settings;
    },
  };
}
