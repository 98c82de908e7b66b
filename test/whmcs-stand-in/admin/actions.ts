/**
 * The admin-API actions the stand-in answers, with the request parameters, response shapes and
 * `result: error` messages of WHMCS's API reference (WHMCS/developer-docs, api-reference/*.md).
 * Lists are nested the way WHMCS's JSON writes them (`clients.client[]`, `contacts.contact[]`);
 * GetUsers' `users[]` is flat, as its reference shows.
 */
import { randomBytes } from 'node:crypto';
import { WHMCS_PERMISSION_KEYS, whmcsDateTime, type StandInContact, type StandInWorld } from './world.js';

export type Params = Record<string, string>;
export type ActionAnswer = Record<string, unknown>;

/** A `result: error` answer: WHMCS's exact sentence. */
export class ApiRefusal extends Error {}

export interface ActionContext {
  world: StandInWorld;
  /** The stand-in's own address, for the SSO redirect URL. */
  baseUrl: string;
  now: () => Date;
}

type Action = (params: Params, context: ActionContext) => ActionAnswer;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** WHMCS's paging: `limitstart` offset, `limitnum` count (default 25). */
function page<T>(items: readonly T[], params: Params): { slice: T[]; start: number } {
  const start = Math.max(0, Number.parseInt(params.limitstart ?? '0', 10) || 0);
  const limit = Math.max(1, Number.parseInt(params.limitnum ?? '25', 10) || 25);
  return { slice: items.slice(start, start + limit), start };
}

function numberParam(params: Params, name: string): number {
  const value = Number.parseInt(params[name] ?? '', 10);
  return Number.isFinite(value) ? value : -1;
}

function permissionList(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

function checkPermissions(list: string[]): void {
  const unknown = list.find((p) => !(WHMCS_PERMISSION_KEYS as readonly string[]).includes(p));
  if (unknown) throw new ApiRefusal(`Invalid permission: ${unknown}`);
}

function clientOf(context: ActionContext, id: number, message: string) {
  const client = context.world.clients.find((c) => c.id === id);
  if (!client) throw new ApiRefusal(message);
  return client;
}

function userOf(context: ActionContext, id: number) {
  const user = context.world.users.find((u) => u.id === id);
  if (!user) throw new ApiRefusal('Invalid user id');
  return user;
}

function linkOf(context: ActionContext, userId: number, clientId: number) {
  userOf(context, userId);
  clientOf(context, clientId, 'Invalid client id');
  const link = context.world.links.find((l) => l.userId === userId && l.clientId === clientId);
  if (!link) throw new ApiRefusal('User is not associated with client');
  return link;
}

const flag = (value: boolean) => (value ? '1' : '0');
const truthy = (value: string | undefined) => value === '1' || value === 'true' || value === 'on';

function contactRow(contact: StandInContact) {
  return {
    id: String(contact.id),
    userid: String(contact.userid),
    firstname: contact.firstname,
    lastname: contact.lastname,
    companyname: contact.companyname,
    email: contact.email,
    address1: contact.address1,
    address2: contact.address2,
    city: contact.city,
    state: contact.state,
    postcode: contact.postcode,
    country: contact.country,
    phonenumber: contact.phonenumber,
    subaccount: '0',
    permissions: '',
    domainemails: flag(contact.domainemails),
    generalemails: flag(contact.generalemails),
    invoiceemails: flag(contact.invoiceemails),
    productemails: flag(contact.productemails),
    supportemails: flag(contact.supportemails),
    affiliateemails: flag(contact.affiliateemails),
    created_at: contact.created_at,
    updated_at: contact.updated_at,
  };
}

const CONTACT_TEXT_FIELDS = [
  'firstname',
  'lastname',
  'companyname',
  'email',
  'address1',
  'address2',
  'city',
  'state',
  'postcode',
  'country',
  'phonenumber',
] as const;
const PREFERENCE_FIELDS = {
  general: 'generalemails',
  product: 'productemails',
  domain: 'domainemails',
  invoice: 'invoiceemails',
  support: 'supportemails',
  affiliate: 'affiliateemails',
} as const;

/** Applies the contact fields and `email_preferences[...]` a request carries. */
function applyContactParams(contact: StandInContact, params: Params): void {
  for (const field of CONTACT_TEXT_FIELDS) if (params[field] !== undefined) contact[field] = params[field];
  for (const [key, field] of Object.entries(PREFERENCE_FIELDS)) {
    const value = params[`email_preferences[${key}]`];
    if (value !== undefined) contact[field] = truthy(value);
  }
}

function duplicateEmail(context: ActionContext, email: string, except: number | null): boolean {
  const wanted = email.toLowerCase();
  return context.world.contacts.some((c) => c.id !== except && c.email.toLowerCase() === wanted);
}

export const ACTIONS: Record<string, Action> = {
  getclients(params, context) {
    const term = (params.search ?? '').toLowerCase();
    const matching = context.world.clients.filter(
      (c) => term === '' || [c.email, c.firstname, c.lastname, `${c.firstname} ${c.lastname}`, c.companyname].some((v) => v.toLowerCase().startsWith(term)),
    );
    const ordered = params.sorting === 'DESC' ? [...matching].reverse() : matching;
    const { slice, start } = page(ordered, params);
    return {
      totalresults: matching.length,
      startnumber: start,
      numreturned: slice.length,
      clients: {
        client: slice.map((c) => ({
          id: String(c.id),
          firstname: c.firstname,
          lastname: c.lastname,
          companyname: c.companyname,
          email: c.email,
          datecreated: c.datecreated,
          groupid: String(c.groupid),
          status: c.status,
        })),
      },
    };
  },

  getusers(params, context) {
    const term = (params.search ?? '').toLowerCase();
    const matching = context.world.users.filter(
      (u) => term === '' || [u.email, u.firstname, u.lastname, `${u.firstname} ${u.lastname}`].some((v) => v.toLowerCase().startsWith(term)),
    );
    const { slice, start } = page(matching, params);
    return {
      totalresults: matching.length,
      startnumber: start,
      numreturned: slice.length,
      users: slice.map((u) => ({
        id: u.id,
        firstname: u.firstname,
        lastname: u.lastname,
        email: u.email,
        datecreated: u.datecreated,
        validationdata: '',
        clients: context.world.links.filter((l) => l.userId === u.id).map((l) => ({ id: l.clientId, isOwner: l.isOwner })),
      })),
    };
  },

  getuserpermissions(params, context) {
    const link = linkOf(context, numberParam(params, 'user_id'), numberParam(params, 'client_id'));
    return { permissions: link.isOwner ? [...WHMCS_PERMISSION_KEYS] : [...link.permissions] };
  },

  updateuserpermissions(params, context) {
    const link = linkOf(context, numberParam(params, 'user_id'), numberParam(params, 'client_id'));
    if (link.isOwner) throw new ApiRefusal('Permissions cannot be set on a client owner');
    const list = permissionList(params.permissions);
    if (list.length === 0) throw new ApiRefusal('Missing permissions definition');
    checkPermissions(list);
    link.permissions = WHMCS_PERMISSION_KEYS.filter((p) => list.includes(p));
    return {};
  },

  createclientinvite(params, context) {
    const email = (params.email ?? '').trim();
    if (email === '') throw new ApiRefusal('Email is required');
    const client = clientOf(context, numberParam(params, 'client_id'), 'Invalid client id');
    if (!EMAIL.test(email)) throw new ApiRefusal('The email address entered is not valid');
    const list = permissionList(params.permissions);
    if (list.length === 0) throw new ApiRefusal('User permissions are required');
    checkPermissions(list);
    const existing = context.world.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
    if (existing && context.world.links.some((l) => l.userId === existing.id && l.clientId === client.id)) {
      throw new ApiRefusal('User already associated with client');
    }
    context.world.invites.push({ clientId: client.id, email, permissions: list });
    return {};
  },

  deleteuserclient(params, context) {
    const userId = numberParam(params, 'user_id');
    const clientId = numberParam(params, 'client_id');
    const link = linkOf(context, userId, clientId);
    if (link.isOwner) throw new ApiRefusal('You cannot remove the account owner');
    context.world.links = context.world.links.filter((l) => l !== link);
    return {};
  },

  getcontacts(params, context) {
    const filters = (['userid', 'firstname', 'lastname', 'companyname', 'email', 'city', 'country'] as const).filter((f) => params[f] !== undefined);
    const matching = context.world.contacts.filter((c) =>
      filters.every((f) => (f === 'userid' ? String(c.userid) === params.userid : c[f].toLowerCase() === (params[f] ?? '').toLowerCase())),
    );
    const { slice, start } = page(matching, params);
    return { totalresults: matching.length, startnumber: start, numreturned: slice.length, contacts: { contact: slice.map(contactRow) } };
  },

  addcontact(params, context) {
    const client = clientOf(context, numberParam(params, 'clientid'), 'Client ID Not Found');
    const email = params.email ?? '';
    if (email !== '' && duplicateEmail(context, email, null)) throw new ApiRefusal('Duplicate Email Address');
    const stamp = whmcsDateTime(context.now());
    const contact: StandInContact = {
      id: context.world.nextContactId++,
      userid: client.id,
      firstname: '',
      lastname: '',
      companyname: '',
      email: '',
      address1: '',
      address2: '',
      city: '',
      state: '',
      postcode: '',
      country: '',
      phonenumber: '',
      generalemails: false,
      productemails: false,
      domainemails: false,
      invoiceemails: false,
      supportemails: false,
      affiliateemails: false,
      created_at: stamp,
      updated_at: stamp,
    };
    applyContactParams(contact, params);
    context.world.contacts.push(contact);
    return { contactid: String(contact.id) };
  },

  updatecontact(params, context) {
    const contact = context.world.contacts.find((c) => c.id === numberParam(params, 'contactid'));
    if (!contact) throw new ApiRefusal('Contact ID Not Found');
    if (params.email !== undefined && duplicateEmail(context, params.email, contact.id)) throw new ApiRefusal('Duplicate Email Address');
    applyContactParams(contact, params);
    contact.updated_at = whmcsDateTime(context.now());
    return { contactid: String(contact.id) };
  },

  deletecontact(params, context) {
    const id = numberParam(params, 'contactid');
    if (!context.world.contacts.some((c) => c.id === id)) throw new ApiRefusal('Contact ID Not Found');
    context.world.contacts = context.world.contacts.filter((c) => c.id !== id);
    return { contactid: String(id) };
  },

  createssotoken(params, context) {
    const client = clientOf(context, numberParam(params, 'client_id'), 'Invalid client_id');
    const destination = params.destination ?? 'clientarea:homepage';
    if (!/^(clientarea|sso):[a-z_]+$/.test(destination)) throw new ApiRefusal('Invalid destination');
    const token = randomBytes(20).toString('hex');
    context.world.ssoTokens.set(token, { clientId: client.id, destination });
    return { access_token: token, redirect_url: `${context.baseUrl}/oauth/singlesignon.php?access_token=${token}` };
  },
};
