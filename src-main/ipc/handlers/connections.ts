import type { connectionsChannels } from '../../../src-shared/ipc/channels/connections.js';
import type { IpcHandlers } from '../dispatcher.js';
import type { HandlerDeps } from '../handler-deps.js';

export function createConnectionsHandlers(deps: HandlerDeps): Pick<IpcHandlers, keyof typeof connectionsChannels> {
  const { connections, sync, events } = deps;
  return {
    'connections.list': async () => connections.list(),

    'connections.add': async (input) => {
      const connection = await connections.add(input);
      deps.reconciler.refresh(connection.id);
      return connection;
    },

    'connections.addDemo': async () => {
      const connection = await connections.addDemo();
      deps.reconciler.refresh(connection.id);
      return connection;
    },

    'connections.rename': async ({ connectionId, label }) => {
      const connection = connections.rename(connectionId, label);
      // Rows carry the provider label.
      events.changed(['accounts', 'invitations']);
      return connection;
    },

    'connections.reauthenticate': async ({ connectionId, password, code }) => {
      const connection = await connections.reauthenticate(connectionId, password, code);
      deps.reconciler.refresh(connectionId);
      return connection;
    },

    'connections.remove': async ({ connectionId }) => {
      await connections.remove(connectionId);
      sync.forget(connectionId);
      events.emit('data.changed', { lists: ['connections', 'accounts', 'invitations', 'queue'] });
      return { removed: true as const };
    },
  };
}
