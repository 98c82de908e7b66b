import type { z } from 'zod';
import { Contact, ContactList, type ContactInput, type ContactPatch } from '../../../src-shared/api/contacts.js';
import { OutgoingInvitation, type AccessGrant } from '../../../src-shared/api/team.js';
import type { ContactsPart } from '../connector.js';
import { NoContent, seg, type ApiSession } from './api-session.js';

/** An account's contacts at the Client Area Access API (`/accounts/{id}/contacts`). */
export class ClientareaContacts implements ContactsPart {
  constructor(private readonly api: ApiSession) {}

  list(accountId: string) {
    return this.api.listAll(ContactList, `/accounts/${seg(accountId)}/contacts`);
  }

  create(accountId: string, contact: ContactInput) {
    return this.api.write(Contact, 'POST', `/accounts/${seg(accountId)}/contacts`, contact);
  }

  update(accountId: string, contactId: string, changes: ContactPatch) {
    return this.api.write(Contact, 'PATCH', `/accounts/${seg(accountId)}/contacts/${seg(contactId)}`, changes);
  }

  async delete(accountId: string, contactId: string): Promise<void> {
    await this.api.write(NoContent, 'DELETE', `/accounts/${seg(accountId)}/contacts/${seg(contactId)}`);
  }

  promote(accountId: string, contactId: string, grant: z.output<typeof AccessGrant>) {
    return this.api.write(OutgoingInvitation, 'POST', `/accounts/${seg(accountId)}/contacts/${seg(contactId)}/promote`, grant);
  }
}
