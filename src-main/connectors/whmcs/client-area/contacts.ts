import type { Contact, ContactInput, ContactPatch, MailPreferences } from '../../../../src-shared/api/contacts.js';
import { ClientdeckError } from '../../../errors.js';
import type { ContactsPart } from '../../connector.js';
import { whmcsFailures } from './failures.js';
import { formFor, hiddenFields } from './pages.js';
import { route, type WhmcsSession } from './session.js';
import type { Page } from './browser.js';

const CONTACTS_ROUTE = '/account/contacts';
const SAVE_ROUTE = '/account/contacts/save';
const NEW_ROUTE = '/account/contacts/new';
const DELETE_ROUTE = '/account/contacts/delete';

/**
 * WHMCS's contact email kinds (`email_preferences[<kind>]`) and Clientdeck's. WHMCS's `affiliate`
 * has no Clientdeck kind: it is kept as it was whenever Clientdeck saves a contact.
 */
const PREFERENCES = { general: 'general', product: 'services', domain: 'domains', invoice: 'billing', support: 'support' } as const satisfies Record<
  string,
  keyof MailPreferences
>;

/** Clientdeck's contact fields and the contact form's input names. */
const FIELDS = {
  company: 'companyname',
  address1: 'address1',
  address2: 'address2',
  city: 'city',
  region: 'state',
  postcode: 'postcode',
  country: 'country',
  phone: 'phonenumber',
  email: 'email',
} as const;

/**
 * An account's contacts as WHMCS's Contacts page shows them: one contact per form (chosen by
 * `contactid`), its email preferences as checkboxes. WHMCS has no way to make a contact a user.
 */
export class WhmcsContacts implements ContactsPart {
  constructor(
    private readonly session: WhmcsSession,
    private readonly clock: () => Date,
  ) {}

  list(accountId: string): Promise<Contact[]> {
    return this.session.exclusive(async () => {
      const ids = this.#ids(await this.#page(accountId));
      const contacts: Contact[] = [];
      for (const id of ids) contacts.push(this.#read(accountId, await this.#contactForm(accountId, id)));
      return contacts;
    });
  }

  create(accountId: string, contact: ContactInput): Promise<Contact> {
    return this.session.exclusive(async () => {
      await this.#page(accountId);
      const [firstName, ...rest] = contact.name.trim().split(/\s+/);
      const form = new URLSearchParams({ firstname: firstName ?? '', lastname: rest.join(' ') });
      for (const [field, input] of Object.entries(FIELDS)) form.set(input, String(contact[field as keyof typeof FIELDS] ?? ''));
      const preferences = contact.preferences ?? { general: true, services: false, domains: false, billing: false, support: false };
      for (const [kind, ours] of Object.entries(PREFERENCES)) form.set(`email_preferences[${kind}]`, preferences[ours] ? '1' : '0');
      const page = await this.session.page(route(NEW_ROUTE), form);
      const email = contact.email.trim().toLowerCase();
      for (const id of this.#ids(page).reverse()) {
        const created = this.#read(accountId, await this.#contactForm(accountId, id));
        if (created.email.toLowerCase() === email) return created;
      }
      throw new ClientdeckError('provider_error', `${this.session.provider} did not list the new contact after saving it. Check its details and try again.`);
    });
  }

  update(accountId: string, contactId: string, changes: ContactPatch): Promise<Contact> {
    return this.session.exclusive(async () => {
      const page = await this.#contactForm(accountId, contactId);
      const form = formFor(page, SAVE_ROUTE)!;
      // Start from what the form holds, so fields Clientdeck does not know (affiliate mails, tax id) stay.
      const fields = hiddenFields(page.$, form);
      form.find('input[type="text"], input[type="email"], input[type="tel"], select').each((_, input) => {
        const name = page.$(input).attr('name');
        if (name) fields.set(name, String(page.$(input).val() ?? ''));
      });
      form.find('input[type="checkbox"][name^="email_preferences["]').each((_, input) => {
        fields.set(page.$(input).attr('name')!, page.$(input).attr('checked') !== undefined ? '1' : '0');
      });
      if (changes.name) {
        const [firstName, ...rest] = changes.name.trim().split(/\s+/);
        fields.set('firstname', firstName ?? '');
        fields.set('lastname', rest.join(' '));
      }
      for (const [field, input] of Object.entries(FIELDS)) {
        const value = changes[field as keyof typeof FIELDS];
        if (value !== undefined) fields.set(input, value);
      }
      for (const [kind, ours] of Object.entries(PREFERENCES)) {
        const value = changes.preferences?.[ours];
        if (value !== undefined) fields.set(`email_preferences[${kind}]`, value ? '1' : '0');
      }
      await this.session.page(route(SAVE_ROUTE), fields);
      return this.#read(accountId, await this.#contactForm(accountId, contactId));
    });
  }

  delete(accountId: string, contactId: string): Promise<void> {
    return this.session.exclusive(async () => {
      await this.#contactForm(accountId, contactId);
      await this.session.page(route(DELETE_ROUTE), new URLSearchParams({ contactid: contactId }));
    });
  }

  promote(): Promise<never> {
    return Promise.reject(new ClientdeckError('not_supported', 'WHMCS does not offer turning a contact into a user: invite them by email instead.'));
  }

  /** The Contacts page of `accountId`: the one with the contact chooser. */
  async #page(accountId: string, form?: URLSearchParams): Promise<Page> {
    await this.session.useAccount(accountId);
    const page = await this.session.page(route(CONTACTS_ROUTE), form);
    if (page.status !== 200 || page.$('select[name="contactid"]').length === 0) throw whmcsFailures.notOwner(this.session.provider);
    return page;
  }

  async #contactForm(accountId: string, contactId: string): Promise<Page> {
    const page = await this.#page(accountId, new URLSearchParams({ contactid: contactId }));
    const form = formFor(page, SAVE_ROUTE);
    if (!form || form.find('input[name="contactid"]').attr('value') !== contactId) throw new ClientdeckError('not_found', 'This contact no longer exists.');
    return page;
  }

  #ids(page: Page): string[] {
    return page
      .$('select[name="contactid"] option')
      .map((_, option) => page.$(option).attr('value') ?? '')
      .get()
      .filter((value) => /^[0-9]+$/.test(value));
  }

  #read(accountId: string, page: Page): Contact {
    const form = formFor(page, SAVE_ROUTE)!;
    const value = (name: string) => String(form.find(`[name="${name}"]`).first().val() ?? '').trim();
    const checked = (kind: string) => form.find(`input[type="checkbox"][name="email_preferences[${kind}]"]`).attr('checked') !== undefined;
    const now = this.clock().toISOString();
    return {
      id: value('contactid'),
      accountId,
      name: `${value('firstname')} ${value('lastname')}`.trim(),
      company: value(FIELDS.company),
      address1: value(FIELDS.address1),
      address2: value(FIELDS.address2),
      city: value(FIELDS.city),
      region: value(FIELDS.region),
      postcode: value(FIELDS.postcode),
      country: value(FIELDS.country).toUpperCase(),
      phone: value(FIELDS.phone),
      email: value(FIELDS.email),
      preferences: {
        general: checked('general'),
        services: checked('product'),
        domains: checked('domain'),
        billing: checked('invoice'),
        support: checked('support'),
      },
      // WHMCS shows no dates for a contact.
      createdAt: now,
      updatedAt: now,
    };
  }
}
