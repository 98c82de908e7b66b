/**
 * What the WHMCS client-area stand-in knows: users (logins), client accounts, who may act on which
 * account with which of WHMCS's permission keys, pending invites and contacts. Plain data, so tests
 * can seed it, change it mid-test (close an account, end a session) and read it back.
 */
import type { StandInLanguage } from './since-text.js';
import { randomBytes } from 'node:crypto';
import { generateSecret } from 'otplib';

/** WHMCS's user permission keys, as the invite form's `perms[<key>]` checkboxes name them. */
export const WHMCS_PERMISSION_KEYS = [
  'profile',
  'contacts',
  'products',
  'manageproducts',
  'productsso',
  'domains',
  'managedomains',
  'invoices',
  'quotes',
  'tickets',
  'affiliates',
  'emails',
  'orders',
] as const;
export type WhmcsPermissionKey = (typeof WHMCS_PERMISSION_KEYS)[number];

/** The email preference kinds of a WHMCS contact (`email_preferences[<kind>]`). */
export const EMAIL_PREFERENCES = ['general', 'product', 'domain', 'invoice', 'support', 'affiliate'] as const;
export type EmailPreference = (typeof EMAIL_PREFERENCES)[number];

export interface StandInUser {
  id: number;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  /** Base32 TOTP secret when the user turned two-factor on. */
  totpSecret: string | null;
}

export interface StandInClient {
  id: number;
  firstName: string;
  lastName: string;
  companyName: string;
  status: 'Active' | 'Closed';
  counts: { services: number; domains: number; unpaidInvoices: number; openTickets: number };
}

export interface StandInMembership {
  userId: number;
  clientId: number;
  owner: boolean;
  permissions: WhmcsPermissionKey[];
  lastLogin: Date | null;
}

export interface StandInInvite {
  id: number;
  token: string;
  clientId: number;
  email: string;
  permissions: WhmcsPermissionKey[];
  createdAt: Date;
  acceptedAt: Date | null;
  resentCount: number;
}

export interface StandInContact {
  id: number;
  clientId: number;
  firstName: string;
  lastName: string;
  email: string;
  /** The rest of the contact form (`companyname`, `phonenumber`, `address1`, `city`, `country`...). */
  details: Record<ContactDetail, string>;
  preferences: Record<EmailPreference, boolean>;
}

export const CONTACT_DETAILS = ['companyname', 'phonenumber', 'address1', 'address2', 'city', 'state', 'postcode', 'country'] as const;
export type ContactDetail = (typeof CONTACT_DETAILS)[number];

export function emptyDetails(): Record<ContactDetail, string> {
  return { companyname: '', phonenumber: '', address1: '', address2: '', city: '', state: '', postcode: '', country: '' };
}

export type Theme = 'twenty-one' | 'six';

export interface StandInState {
  theme: Theme;
  /** The client area's language: what its relative dates ("3 hours ago") are written in. */
  language: StandInLanguage;
  users: StandInUser[];
  clients: StandInClient[];
  memberships: StandInMembership[];
  invites: StandInInvite[];
  contacts: StandInContact[];
  /**
   * When true Switch Account is in a customised theme's markup the connector does not know (list
   * items instead of `a[data-id]`, the CSRF token in a meta tag, the user's address in the header).
   */
  restyled: boolean;
  /** When true the login form carries WHMCS's built-in captcha (`code`), which a connector cannot solve. */
  captcha: boolean;
  /** Remote addresses WHMCS's ban list holds. */
  bannedIps: Set<string>;
  /** Failed logins allowed per address before the rate-limit page answers. */
  loginFailuresAllowed: number;
  failedLogins: Map<string, number>;
  /** Invites older than this are expired (WHMCS's invite links are valid for a limited time). */
  inviteLifetimeMs: number;
  clock: () => Date;
  nextId: number;
}

export const STAND_IN_PASSWORD = 'correct horse battery';
export const AGENCY_EMAIL = 'agency@example.test';
export const TOTP_EMAIL = 'secure@example.test';

export interface SeedOptions {
  /** Client accounts the agency login reaches; every third is owned, the last one closed. */
  accounts?: number;
  theme?: Theme;
  language?: StandInLanguage;
  clock?: () => Date;
}

/** A stand-in with one agency login reaching `accounts` client accounts, and a two-factor login. */
export function seedState(options: SeedOptions = {}): StandInState {
  const count = options.accounts ?? 5;
  const clock = options.clock ?? (() => new Date());
  const state: StandInState = {
    theme: options.theme ?? 'twenty-one',
    language: options.language ?? 'english',
    users: [],
    clients: [],
    memberships: [],
    invites: [],
    contacts: [],
    captcha: false,
    restyled: false,
    bannedIps: new Set(),
    loginFailuresAllowed: 5,
    failedLogins: new Map(),
    inviteLifetimeMs: 7 * 24 * 3600_000,
    clock,
    nextId: 1,
  };
  const agency = addUser(state, { email: AGENCY_EMAIL, firstName: 'Ada', lastName: 'Agency' });
  const secure = addUser(state, { email: TOTP_EMAIL, firstName: 'Sam', lastName: 'Secure', totpSecret: generateSecret() });
  for (let i = 1; i <= count; i++) {
    const client = addClient(state, {
      firstName: `Customer${i}`,
      lastName: 'Person',
      companyName: i % 2 === 0 ? `Company ${i} Ltd` : '',
      status: i === count && count > 1 ? 'Closed' : 'Active',
      counts: { services: i % 4, domains: i % 3, unpaidInvoices: i % 2, openTickets: i % 5 },
    });
    const owned = i % 3 === 1;
    state.memberships.push({
      userId: agency.id,
      clientId: client.id,
      owner: owned,
      permissions: owned ? [...WHMCS_PERMISSION_KEYS] : ['products', 'productsso', 'domains', 'tickets'],
      lastLogin: null,
    });
    if (owned) {
      const helper = addUser(state, { email: `helper${i}@example.test`, firstName: 'Hal', lastName: `Helper${i}` });
      state.memberships.push({ userId: helper.id, clientId: client.id, owner: false, permissions: ['invoices', 'quotes'], lastLogin: clock() });
      state.contacts.push({
        id: state.nextId++,
        clientId: client.id,
        firstName: 'Bill',
        lastName: `Billing${i}`,
        email: `billing${i}@example.test`,
        details: { ...emptyDetails(), city: 'Rome', country: 'IT' },
        preferences: { general: true, product: false, domain: false, invoice: true, support: false, affiliate: false },
      });
    }
  }
  const first = state.clients[0];
  if (first) state.memberships.push({ userId: secure.id, clientId: first.id, owner: false, permissions: ['tickets'], lastLogin: null });
  return state;
}

export function addUser(state: StandInState, user: Omit<StandInUser, 'id' | 'password' | 'totpSecret'> & Partial<StandInUser>): StandInUser {
  const created: StandInUser = { password: STAND_IN_PASSWORD, totpSecret: null, ...user, id: state.nextId++ };
  state.users.push(created);
  return created;
}

export function addClient(state: StandInState, client: Omit<StandInClient, 'id'>): StandInClient {
  const created: StandInClient = { ...client, id: state.nextId++ };
  state.clients.push(created);
  return created;
}

/** A pending invite, as the owner's "Invite New User" creates it: the mailed link carries `token`. */
export function addInvite(state: StandInState, clientId: number, email: string, permissions: WhmcsPermissionKey[]): StandInInvite {
  const invite: StandInInvite = {
    id: state.nextId++,
    token: randomBytes(24).toString('hex'),
    clientId,
    email,
    permissions,
    createdAt: state.clock(),
    acceptedAt: null,
    resentCount: 0,
  };
  state.invites.push(invite);
  return invite;
}

export function displayName(client: StandInClient): string {
  return client.companyName || `${client.firstName} ${client.lastName}`;
}

export function membership(state: StandInState, userId: number, clientId: number): StandInMembership | undefined {
  return state.memberships.find((m) => m.userId === userId && m.clientId === clientId);
}
