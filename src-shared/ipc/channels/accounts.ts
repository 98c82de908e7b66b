/** Accounts: every account of every connection, as the app lists them. */
import { z } from 'zod';
import { Account } from '../../api/accounts.js';
import { Id } from '../../api/primitives.js';
import { NoInput } from '../request-parts.js';

/** A provider's account as Clientdeck lists it: with its connection and the marks kept locally. */
export const ListedAccount = Account.extend({
  connectionId: Id,
  providerLabel: z.string(),
  /** Kept by Clientdeck, not the provider. */
  favourite: z.boolean().default(false),
  lastOpenedAt: z.string().nullable().default(null),
  /** Domain names of the account when the provider lists them, for search. */
  domains: z.array(z.string()).default([]),
});
export type ListedAccount = z.infer<typeof ListedAccount>;

/** Two providers may reuse an account id: a listed account is told apart by its connection too. */
export const ListedAccountKey = z.object({ connectionId: Id, id: Id }).strict();
export type ListedAccountKey = z.infer<typeof ListedAccountKey>;

/** Which state of main's account list a renderer holds; it goes up with every change to the list. */
export const AccountListVersion = z.number().int().nonnegative();

/**
 * What changed in the account list since a version: the rows added or changed, whole, and the keys
 * of the rows gone. `reset` when main no longer remembers that far back (or never knew the version):
 * the renderer then copies `accounts.list` once and follows from `version`.
 */
export const AccountChanges = z.discriminatedUnion('reset', [
  z.object({ reset: z.literal(false), version: AccountListVersion, upserted: z.array(ListedAccount), removed: z.array(ListedAccountKey) }),
  z.object({ reset: z.literal(true), version: AccountListVersion }),
]);
export type AccountChanges = z.infer<typeof AccountChanges>;

export const accountsChannels = {
  'accounts.list': { input: NoInput, output: z.array(ListedAccount) },
  'accounts.changes': { input: z.object({ since: AccountListVersion }).strict(), output: AccountChanges },
  'accounts.setFavourite': {
    input: z.object({ connectionId: Id, accountId: Id, favourite: z.boolean() }).strict(),
    output: z.object({ favourite: z.boolean() }),
  },
} as const;
