import { create } from 'zustand';
import type { AccessRequest, ApproveAccessRequest } from '../../src-shared/api/access-requests.js';
import { invoke } from '../bridge/invoke.js';
import { notLoaded, runLoad, type Loadable } from '../kit/load-state.js';
import type { AccountRef } from '../navigation/navigation-store.js';

interface AccountRequestsState extends Loadable {
  ref: AccountRef | null;
  requests: AccessRequest[];
  load(ref: AccountRef): Promise<void>;
  /** Both throw main's IpcCallError, for the row that asked to show. */
  approve(requestId: string, answer: ApproveAccessRequest): Promise<AccessRequest>;
  decline(requestId: string): Promise<AccessRequest>;
}

const same = (a: AccountRef | null, b: AccountRef | null) => a !== null && b !== null && a.connectionId === b.connectionId && a.accountId === b.accountId;

/** The access requests of the open account, for whoever answers them (People tab). */
export const useAccountRequests = create<AccountRequestsState>()((set, get) => {
  const settle = (answered: AccessRequest) => set({ requests: get().requests.map((r) => (r.id === answered.id ? answered : r)) });
  const onAccount = () => {
    const ref = get().ref;
    if (!ref) throw new Error('No account is open.');
    return ref;
  };
  return {
    ...notLoaded,
    ref: null,
    requests: [],

    async load(ref) {
      await runLoad(
        { set, get },
        {
          begin: same(get().ref, ref) ? undefined : { ref, status: 'loading', requests: [], error: null },
          fetch: () => invoke('accessRequests.forAccount', ref),
          ready: (requests) => ({ requests }),
          current: () => same(get().ref, ref),
        },
      );
    },

    async approve(requestId, answer) {
      const approved = await invoke('accessRequests.approve', { ...onAccount(), requestId, answer });
      settle(approved);
      return approved;
    },

    async decline(requestId) {
      const declined = await invoke('accessRequests.decline', { ...onAccount(), requestId });
      settle(declined);
      return declined;
    },
  };
});
