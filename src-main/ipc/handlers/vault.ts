import type { vaultChannels } from '../../../src-shared/ipc/channels/vault.js';
import type { IpcHandlers } from '../dispatcher.js';
import type { HandlerDeps } from '../handler-deps.js';

export function createVaultHandlers(deps: HandlerDeps): Pick<IpcHandlers, keyof typeof vaultChannels> {
  return {
    'vault.status': async () => deps.vaultStatus(),
  };
}
