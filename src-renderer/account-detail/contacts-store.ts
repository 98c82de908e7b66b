import { create } from 'zustand';
import type { Contact, ContactInput, ContactPatch, MailKind } from '../../src-shared/api/contacts.js';
import type { AccessGrant, OutgoingInvitation } from '../../src-shared/api/team.js';
import { errorSentence, invoke } from '../bridge/invoke.js';
import { notLoaded, runLoad, type Loadable } from '../kit/load-state.js';
import type { AccountRef } from '../navigation/navigation-store.js';

interface ContactsState extends Loadable {
  ref: AccountRef | null;
  contacts: Contact[];
  /** Preference toggles on their way, by `${contactId}:${kind}`. */
  saving: Record<string, boolean>;
  /** Why the last preference change was refused, by contact id. */
  failures: Record<string, string>;
  load(ref: AccountRef): Promise<void>;
  /** The actions below throw main's IpcCallError for the form or dialog to show. */
  create(contact: ContactInput): Promise<Contact>;
  update(contactId: string, changes: ContactPatch): Promise<Contact>;
  remove(contactId: string): Promise<void>;
  promote(contactId: string, grant: AccessGrant): Promise<OutgoingInvitation>;
  /** Saves at once and shows the box ticked at once; a refusal unticks it and says why. */
  setPreference(contactId: string, kind: MailKind, value: boolean): Promise<void>;
}

const same = (a: AccountRef | null, b: AccountRef) => a !== null && a.connectionId === b.connectionId && a.accountId === b.accountId;

export const useContacts = create<ContactsState>()((set, get) => {
  const onAccount = () => {
    const ref = get().ref;
    if (!ref) throw new Error('No account is open.');
    return ref;
  };
  const replace = (contact: Contact) => set({ contacts: get().contacts.map((c) => (c.id === contact.id ? contact : c)) });

  return {
    ...notLoaded,
    ref: null,
    contacts: [],
    saving: {},
    failures: {},

    async load(ref) {
      await runLoad(
        { set, get },
        {
          begin: same(get().ref, ref) ? undefined : { ref, status: 'loading', contacts: [], error: null, failures: {} },
          fetch: () => invoke('contacts.list', ref),
          ready: (contacts) => ({ contacts }),
          current: () => same(get().ref, ref),
        },
      );
    },

    async create(contact) {
      const ref = onAccount();
      const created = await invoke('contacts.create', { ...ref, contact });
      if (same(get().ref, ref)) set({ contacts: [...get().contacts, created] });
      return created;
    },

    async update(contactId, changes) {
      const ref = onAccount();
      const updated = await invoke('contacts.update', { ...ref, contactId, changes });
      if (same(get().ref, ref)) replace(updated);
      return updated;
    },

    async remove(contactId) {
      const ref = onAccount();
      await invoke('contacts.delete', { ...ref, contactId });
      if (same(get().ref, ref)) set({ contacts: get().contacts.filter((c) => c.id !== contactId) });
    },

    async promote(contactId, grant) {
      const ref = onAccount();
      return invoke('contacts.promote', { ...ref, contactId, grant });
    },

    async setPreference(contactId, kind, value) {
      const ref = onAccount();
      const key = `${contactId}:${kind}`;
      const before = get().contacts.find((c) => c.id === contactId);
      if (!before) return;
      const { [contactId]: _old, ...failures } = get().failures;
      replace({ ...before, preferences: { ...before.preferences, [kind]: value } });
      set({ saving: { ...get().saving, [key]: true }, failures });
      try {
        const updated = await invoke('contacts.update', { ...ref, contactId, changes: { preferences: { [kind]: value } } });
        if (same(get().ref, ref)) replace(updated);
      } catch (err) {
        const current = get().contacts.find((c) => c.id === contactId);
        if (current && same(get().ref, ref)) {
          replace({ ...current, preferences: { ...current.preferences, [kind]: !value } });
          set({ failures: { ...get().failures, [contactId]: errorSentence(err) } });
        }
      } finally {
        const { [key]: _done, ...saving } = get().saving;
        set({ saving });
      }
    },
  };
});
