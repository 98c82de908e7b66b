/** Owner actions: an account's contacts, and turning one into a user (capability `contacts`). */
import { z } from 'zod';
import { Contact, ContactInput, ContactPatch } from '../../api/contacts.js';
import { Id } from '../../api/primitives.js';
import { AccessGrant, OutgoingInvitation } from '../../api/team.js';
import { OnAccount } from '../request-parts.js';

export const contactsChannels = {
  'contacts.list': { input: z.object(OnAccount).strict(), output: z.array(Contact) },
  'contacts.create': { input: z.object({ ...OnAccount, contact: ContactInput }).strict(), output: Contact },
  'contacts.update': { input: z.object({ ...OnAccount, contactId: Id, changes: ContactPatch }).strict(), output: Contact },
  'contacts.delete': { input: z.object({ ...OnAccount, contactId: Id }).strict(), output: z.object({ deleted: z.literal(true) }) },
  'contacts.promote': {
    input: z.object({ ...OnAccount, contactId: Id, grant: AccessGrant }).strict(),
    output: OutgoingInvitation,
  },
} as const;
