/**
 * What the WHMCS admin-API stand-in knows: clients, users linked to clients with per-client
 * permission keys, contacts, sent invites and provisioned SSO tokens. Plain data kept in memory;
 * the actions (actions.ts) read and change it the way WHMCS's API does.
 */

/** WHMCS's own permission keys for a user on a client (GetPermissionsList), in its order. */
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

export interface StandInClient {
  id: number;
  firstname: string;
  lastname: string;
  companyname: string;
  email: string;
  /** `YYYY-MM-DD`, as GetClients writes it. */
  datecreated: string;
  groupid: number;
  status: 'Active' | 'Inactive' | 'Closed';
}

export interface StandInUser {
  id: number;
  firstname: string;
  lastname: string;
  email: string;
  /** `YYYY-MM-DD HH:MM:SS`, as GetUsers writes it. */
  datecreated: string;
}

export interface StandInLink {
  userId: number;
  clientId: number;
  isOwner: boolean;
  permissions: string[];
}

export interface StandInContact {
  id: number;
  userid: number;
  firstname: string;
  lastname: string;
  companyname: string;
  email: string;
  address1: string;
  address2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  phonenumber: string;
  generalemails: boolean;
  productemails: boolean;
  domainemails: boolean;
  invoiceemails: boolean;
  supportemails: boolean;
  affiliateemails: boolean;
  created_at: string;
  updated_at: string;
}

export interface StandInInvite {
  clientId: number;
  email: string;
  permissions: string[];
}

/** One set of API credentials as the provider's staff provisions them (identifier, secret, allowed actions). */
export interface StandInCredential {
  identifier: string;
  secret: string;
  /** Lower-case action names this credential's API role allows; null allows every action. */
  allowedActions: Set<string> | null;
}

export interface StandInWorld {
  clients: StandInClient[];
  users: StandInUser[];
  links: StandInLink[];
  contacts: StandInContact[];
  invites: StandInInvite[];
  ssoTokens: Map<string, { clientId: number; destination: string }>;
  nextContactId: number;
}

/** `YYYY-MM-DD HH:MM:SS` of a date, in UTC (WHMCS writes its server's local time without a zone). */
export function whmcsDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A world of `clients` clients, each owned by its own user. Client 1 also has a second user (a
 * web developer with some permissions) and one contact, so team and contacts have something to
 * show. Names and dates are derived from the id, so two worlds of the same size are the same.
 */
export function seedWorld(clients: number): StandInWorld {
  const world: StandInWorld = { clients: [], users: [], links: [], contacts: [], invites: [], ssoTokens: new Map(), nextContactId: 1 };
  for (let id = 1; id <= clients; id++) {
    const day = String((id % 28) + 1).padStart(2, '0');
    world.clients.push({
      id,
      firstname: `Client${id}`,
      lastname: 'Example',
      companyname: id % 3 === 0 ? `Company ${id} Ltd` : '',
      email: `client${id}@example.test`,
      datecreated: `2024-01-${day}`,
      groupid: 0,
      status: 'Active',
    });
    world.users.push({ id, firstname: `Client${id}`, lastname: 'Example', email: `client${id}@example.test`, datecreated: `2024-01-${day} 09:00:00` });
    world.links.push({ userId: id, clientId: id, isOwner: true, permissions: [] });
  }
  if (clients > 0) {
    const helper = clients + 1;
    world.users.push({ id: helper, firstname: 'Webb', lastname: 'Developer', email: 'webdev@example.test', datecreated: '2024-02-01 10:00:00' });
    world.links.push({ userId: helper, clientId: 1, isOwner: false, permissions: ['products', 'manageproducts', 'domains', 'tickets'] });
    world.contacts.push({
      id: world.nextContactId++,
      userid: 1,
      firstname: 'Billing',
      lastname: 'Person',
      companyname: '',
      email: 'billing@example.test',
      address1: '1 High Street',
      address2: '',
      city: 'Leeds',
      state: 'West Yorkshire',
      postcode: 'LS1 1AA',
      country: 'GB',
      phonenumber: '',
      generalemails: true,
      productemails: false,
      domainemails: false,
      invoiceemails: true,
      supportemails: false,
      affiliateemails: false,
      created_at: '2024-03-01 12:00:00',
      updated_at: '2024-03-01 12:00:00',
    });
  }
  return world;
}
