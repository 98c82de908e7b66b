/**
 * The shapes of WHMCS admin-API answers Clientdeck reads (WHMCS/developer-docs api-reference). WHMCS
 * writes numbers as strings in some answers and as numbers in others, and an empty list as `[]`
 * rather than `{ client: [] }`, so the schemas take either.
 */
import { z } from 'zod';

const Num = z.coerce.number().int();
const Text = z.preprocess((v) => (v === null || v === undefined ? '' : String(v)), z.string());
const Flag = z.preprocess((v) => v === true || v === 1 || v === '1' || v === 'true', z.boolean());

/** `{ <key>: [...] }`, or `[]` when WHMCS has nothing to list. */
function nested<T extends z.ZodType>(key: string, item: T) {
  return z.union([z.object({ [key]: z.array(item) }).transform((o) => o[key] as z.output<T>[]), z.array(z.never()).transform(() => [] as z.output<T>[])]);
}

export const Paged = { totalresults: Num, startnumber: Num.default(0), numreturned: Num };

export const WhmcsClient = z.object({
  id: Num,
  firstname: Text,
  lastname: Text,
  companyname: Text,
  email: Text,
  datecreated: Text,
  status: Text,
});
export type WhmcsClient = z.infer<typeof WhmcsClient>;
export const GetClientsAnswer = z.object({ ...Paged, clients: nested('client', WhmcsClient).default([]) });

export const WhmcsUser = z.object({
  id: Num,
  firstname: Text,
  lastname: Text,
  email: Text,
  datecreated: Text,
  clients: z.array(z.object({ id: Num, isOwner: Flag })).default([]),
});
export type WhmcsUser = z.infer<typeof WhmcsUser>;
export const GetUsersAnswer = z.object({ ...Paged, users: z.array(WhmcsUser).default([]) });

/** The permission keys of a user on a client: a list, or WHMCS's `{ permission: [...] }` nesting. */
export const GetUserPermissionsAnswer = z.object({
  permissions: z.union([z.array(z.string()), z.object({ permission: z.array(z.string()) }).transform((o) => o.permission)]).default([]),
});

export const WhmcsContact = z.object({
  id: Num,
  userid: Num,
  firstname: Text,
  lastname: Text,
  companyname: Text,
  email: Text,
  address1: Text,
  address2: Text,
  city: Text,
  state: Text,
  postcode: Text,
  country: Text,
  phonenumber: Text,
  generalemails: Flag,
  productemails: Flag,
  domainemails: Flag,
  invoiceemails: Flag,
  supportemails: Flag,
  created_at: Text,
  updated_at: Text,
});
export type WhmcsContact = z.infer<typeof WhmcsContact>;
export const GetContactsAnswer = z.object({ ...Paged, contacts: nested('contact', WhmcsContact).default([]) });

export const ContactIdAnswer = z.object({ contactid: Num });
export const SsoTokenAnswer = z.object({ access_token: z.string().min(1), redirect_url: z.url() });
export const Success = z.object({});

/** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` (WHMCS's server time, no zone: read as UTC) as ISO 8601; WHMCS's zero date is the epoch. */
export function isoFromWhmcs(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?$/.exec(value.trim());
  if (!match || match[1] === '0000') return new Date(0).toISOString();
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = match;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  return new Date(Number.isNaN(ms) ? 0 : ms).toISOString();
}

/** A person's display name from WHMCS's first and last name fields. */
export function fullName(first: string, last: string): string {
  return `${first} ${last}`.trim();
}
