import type { z } from 'zod';
import { ContactInput, type Contact, type ContactPatch, type MailPreferences } from '../../../../src-shared/api/contacts.js';
import type { AccessGrant, OutgoingInvitation } from '../../../../src-shared/api/team.js';
import { ClientdeckError } from '../../../errors.js';
import type { ContactsPart, TeamPart } from '../../connector.js';
import type { AdminApi, Fields } from './admin-api.js';
import { ContactIdAnswer, fullName, GetContactsAnswer, isoFromWhmcs, Success, type WhmcsContact } from './answers.js';

const CONTACTS_PAGE = 250;

/**
 * Clientdeck's mail kinds as WHMCS's `email_preferences[...]` keys. WHMCS's sixth kind, affiliate
 * mails, has no Clientdeck counterpart and is left as the provider has it.
 */
const PREFERENCE_KEYS = { general: 'general', services: 'product', domains: 'domain', billing: 'invoice', support: 'support' } as const satisfies Record<
  keyof MailPreferences,
  string
>;

/**
 * A client's contacts through the admin API (GetContacts, AddContact, UpdateContact,
 * DeleteContact). WHMCS's UpdateContact and DeleteContact take a contact id alone, so the contact
 * is first looked up on the client: an id from another client is "not found", never changed.
 * Promoting a contact is inviting its address (CreateClientInvite) with the grant.
 */
export class WhmcsAdminContacts implements ContactsPart {
  constructor(
    private readonly api: AdminApi,
    private readonly team: TeamPart,
  ) {}

  async list(accountId: string): Promise<Contact[]> {
    const rows = await this.api.listAll('GetContacts', { userid: accountId }, GetContactsAnswer, (page) => page.contacts, CONTACTS_PAGE);
    return rows.filter((row) => String(row.userid) === accountId).map(contactOf);
  }

  async create(accountId: string, contact: z.input<typeof ContactInput>): Promise<Contact> {
    const input = ContactInput.parse(contact);
    const fields: Fields = { clientid: accountId, ...nameFields(input.name), ...addressFields(input), ...preferenceFields(input.preferences) };
    const { contactid } = await this.api.call('AddContact', fields, ContactIdAnswer);
    return this.#find(accountId, String(contactid));
  }

  async update(accountId: string, contactId: string, changes: ContactPatch): Promise<Contact> {
    await this.#find(accountId, contactId);
    const fields: Fields = { contactid: contactId, ...addressFields(changes), ...preferenceFields(changes.preferences ?? {}) };
    if (changes.name !== undefined) Object.assign(fields, nameFields(changes.name));
    await this.api.call('UpdateContact', fields, Success);
    return this.#find(accountId, contactId);
  }

  async delete(accountId: string, contactId: string): Promise<void> {
    await this.#find(accountId, contactId);
    await this.api.call('DeleteContact', { contactid: contactId }, Success);
  }

  async promote(accountId: string, contactId: string, grant: z.output<typeof AccessGrant>): Promise<OutgoingInvitation> {
    const contact = await this.#find(accountId, contactId);
    return this.team.invite(accountId, { email: contact.email, ...grant });
  }

  async #find(accountId: string, contactId: string): Promise<Contact> {
    const found = (await this.list(accountId)).find((c) => c.id === contactId);
    if (!found) throw new ClientdeckError('not_found', `${this.api.provider} has no such contact on this client.`);
    return found;
  }
}

function contactOf(row: WhmcsContact): Contact {
  return {
    id: String(row.id),
    accountId: String(row.userid),
    name: fullName(row.firstname, row.lastname),
    company: row.companyname,
    address1: row.address1,
    address2: row.address2,
    city: row.city,
    region: row.state,
    postcode: row.postcode,
    country: row.country,
    phone: row.phonenumber,
    email: row.email,
    preferences: { general: row.generalemails, services: row.productemails, domains: row.domainemails, billing: row.invoiceemails, support: row.supportemails },
    createdAt: isoFromWhmcs(row.created_at),
    updatedAt: isoFromWhmcs(row.updated_at),
  };
}

/** WHMCS keeps first and last name apart; Clientdeck's one name splits at its first space. */
function nameFields(name: string): Fields {
  const trimmed = name.trim();
  const space = trimmed.indexOf(' ');
  return space < 0 ? { firstname: trimmed, lastname: '' } : { firstname: trimmed.slice(0, space), lastname: trimmed.slice(space + 1).trim() };
}

function addressFields(from: Partial<Omit<ContactPatch, 'name' | 'preferences'>>): Fields {
  return {
    companyname: from.company,
    email: from.email,
    address1: from.address1,
    address2: from.address2,
    city: from.city,
    state: from.region,
    postcode: from.postcode,
    country: from.country,
    phonenumber: from.phone,
  };
}

function preferenceFields(preferences: Partial<MailPreferences>): Fields {
  const fields: Fields = {};
  for (const [kind, key] of Object.entries(PREFERENCE_KEYS) as Array<[keyof MailPreferences, string]>) {
    const wanted = preferences[kind];
    if (wanted !== undefined) fields[`email_preferences[${key}]`] = wanted ? 1 : 0;
  }
  return fields;
}
