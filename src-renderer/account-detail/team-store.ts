import { create } from 'zustand';
import type { AccountUser, CreateInvitation, CreateManagedUsers, OutgoingInvitation, UpdateAccountUser } from '../../src-shared/api/team.js';
import type { Team } from '../../src-shared/ipc/channels/team.js';
import { invoke } from '../bridge/invoke.js';
import { notLoaded, runLoad, type Loadable } from '../kit/load-state.js';
import type { AccountRef } from '../navigation/navigation-store.js';

interface TeamState extends Loadable {
  ref: AccountRef | null;
  team: Team | null;
  load(ref: AccountRef): Promise<void>;
  reload(): Promise<void>;
  /** The actions below throw main's IpcCallError, for the form or dialog that asked to show. */
  invite(invitation: CreateInvitation): Promise<OutgoingInvitation>;
  resend(invitationId: string): Promise<OutgoingInvitation>;
  cancel(invitationId: string): Promise<OutgoingInvitation>;
  updateUser(userId: string, changes: UpdateAccountUser): Promise<AccountUser>;
  /** Moves when a pending invitation's access ends (capability `access_policy`). */
  setInvitationAccessEnd(invitationId: string, accessExpiresAt: string | null): Promise<OutgoingInvitation>;
  revoke(userId: string): Promise<void>;
  createManaged(request: CreateManagedUsers): Promise<AccountUser[]>;
  sendActivation(userId: string): Promise<string>;
  /** Remembers an invitation made elsewhere (a contact promoted to user). */
  addInvitation(invitation: OutgoingInvitation): void;
}

function sameRef(a: AccountRef | null, b: AccountRef | null): boolean {
  return a !== null && b !== null && a.connectionId === b.connectionId && a.accountId === b.accountId;
}

/** Who has access to the open account, and the invitations it sent out. */
export const useTeam = create<TeamState>()((set, get) => {
  const onAccount = () => {
    const ref = get().ref;
    if (!ref) throw new Error('No account is open.');
    return ref;
  };
  const withTeam = (ref: AccountRef, change: (team: Team) => Team) => {
    const team = get().team;
    if (team && sameRef(get().ref, ref)) set({ team: change(team) });
  };
  const upsertInvitation = (team: Team, inv: OutgoingInvitation): Team => ({
    ...team,
    invitations: [inv, ...team.invitations.filter((i) => i.id !== inv.id)],
  });

  return {
    ...notLoaded,
    ref: null,
    team: null,

    async load(ref) {
      // Another account starts empty; the same one keeps its team on screen while it refreshes.
      await runLoad(
        { set, get },
        {
          begin: sameRef(get().ref, ref) ? undefined : { ref, status: 'loading', team: null, error: null },
          fetch: () => invoke('team.get', ref),
          ready: (team) => ({ team }),
          current: () => sameRef(get().ref, ref),
        },
      );
    },

    async reload() {
      const ref = get().ref;
      if (ref) await get().load(ref);
    },

    async invite(invitation) {
      const ref = onAccount();
      const created = await invoke('team.invite', { ...ref, invitation });
      withTeam(ref, (team) => upsertInvitation(team, created));
      return created;
    },

    async resend(invitationId) {
      const ref = onAccount();
      const updated = await invoke('team.resendInvitation', { ...ref, invitationId });
      withTeam(ref, (team) => upsertInvitation(team, updated));
      return updated;
    },

    async cancel(invitationId) {
      const ref = onAccount();
      const updated = await invoke('team.cancelInvitation', { ...ref, invitationId });
      withTeam(ref, (team) => upsertInvitation(team, updated));
      return updated;
    },

    async updateUser(userId, changes) {
      const ref = onAccount();
      const user = await invoke('team.updateUser', { ...ref, userId, changes });
      withTeam(ref, (team) => ({ ...team, users: team.users.map((u) => (u.userId === userId ? user : u)) }));
      return user;
    },

    async setInvitationAccessEnd(invitationId, accessExpiresAt) {
      const ref = onAccount();
      const updated = await invoke('accessPolicy.setInvitationAccessEnd', { ...ref, invitationId, accessExpiresAt });
      withTeam(ref, (team) => upsertInvitation(team, updated));
      return updated;
    },

    async revoke(userId) {
      const ref = onAccount();
      await invoke('team.revokeUser', { ...ref, userId });
      withTeam(ref, (team) => ({ ...team, users: team.users.filter((u) => u.userId !== userId) }));
    },

    async createManaged(request) {
      const ref = onAccount();
      const users = await invoke('managedUsers.create', { ...ref, request });
      withTeam(ref, (team) => ({ ...team, users: [...team.users.filter((u) => !users.some((n) => n.userId === u.userId)), ...users] }));
      return users;
    },

    async sendActivation(userId) {
      const ref = onAccount();
      const { sentAt } = await invoke('managedUsers.sendActivation', { ...ref, userId });
      return sentAt;
    },

    addInvitation(invitation) {
      const ref = get().ref;
      if (ref) withTeam(ref, (team) => upsertInvitation(team, invitation));
    },
  };
});
