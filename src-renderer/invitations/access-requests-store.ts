import { create } from 'zustand';
import type { AccessRequest } from '../../src-shared/api/access-requests.js';
import type { IncomingAccessRequest } from '../../src-shared/ipc/channels/access-requests.js';
import { invoke } from '../bridge/invoke.js';
import { useConnections } from '../connections/connections-store.js';
import { firstLoad, latestOnly, notLoaded, runLoad, type Loadable } from '../kit/load-state.js';

/** One of the user's own requests, with the connection it went through. */
export interface OwnAccessRequest {
  connectionId: string;
  request: AccessRequest;
}

interface AccessRequestsState extends Loadable {
  /** What waits for the user's answer, as each connection's last sync found it. */
  incoming: IncomingAccessRequest[];
  /** The user's own requests at every connection that takes them, newest first. */
  mine: OwnAccessRequest[];
  load(): Promise<void>;
}

const isLatest = latestOnly();

/** Access requests across connections: those to answer and one's own with their outcome. */
export const useAccessRequests = create<AccessRequestsState>()((set, get) => ({
  ...notLoaded,
  incoming: [],
  mine: [],

  async load() {
    const current = isLatest();
    const capable = useConnections.getState().connections.filter((c) => c.capabilities.includes('access_requests'));
    await runLoad(
      { set, get },
      {
        begin: firstLoad(get().status),
        fetch: async () => {
          const [incoming, ...own] = await Promise.all([
            invoke('accessRequests.incoming', {}),
            ...capable.map(async (c) => (await invoke('accessRequests.mine', { connectionId: c.id })).map((request) => ({ connectionId: c.id, request }))),
          ]);
          return { incoming, mine: own.flat().sort((a, b) => b.request.createdAt.localeCompare(a.request.createdAt)) };
        },
        ready: (reply) => reply,
        current,
      },
    );
  },
}));
