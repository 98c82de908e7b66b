/** Accounts: every account of every connection, as the app lists them. */
import { z } from 'zod';
import { Account } from '../../api/accounts.js';
import { Id } from '../../api/primitives.js';
import { ACCOUNT_WINDOW_MAX } from '../account-order.js';
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
 * the renderer then copies the list once, window by window (`accounts.window`), and follows from that copy's version.
 */
export const AccountChanges = z.discriminatedUnion('reset', [
  z.object({ reset: z.literal(false), version: AccountListVersion, upserted: z.array(ListedAccount), removed: z.array(ListedAccountKey) }),
  z.object({ reset: z.literal(true), version: AccountListVersion }),
]);
export type AccountChanges = z.infer<typeof AccountChanges>;

/**
 * A stretch of main's list in its default order (src-shared/ipc/account-order.ts), of one version:
 * the renderer asks first for what a screen shows, then for the rest, window after window, naming
 * the version it started with so every window comes from the same list and no row is sent twice.
 */
export const AccountWindowRequest = z
  .object({
    /** The version the first window answered with; null for the first window. */
    version: AccountListVersion.nullable(),
    offset: z.number().int().nonnegative(),
    limit: z.number().int().min(1).max(ACCOUNT_WINDOW_MAX),
  })
  .strict();

/**
 * `version` is the list's the rows come from: another than the one asked for means main no longer
 * holds that one (it changed too often meanwhile), and the copy starts again from this version.
 */
export const AccountWindow = z.object({
  version: AccountListVersion,
  /** How many rows that version holds in all. */
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  rows: z.array(ListedAccount),
});
export type AccountWindow = z.infer<typeof AccountWindow>;

export const accountsChannels = {
  'accounts.list': { input: NoInput, output: z.array(ListedAccount) },
  'accounts.window': { input: AccountWindowRequest, output: AccountWindow },
  'accounts.changes': { input: z.object({ since: AccountListVersion }).strict(), output: AccountChanges },
  'accounts.setFavourite': {
    input: z.object({ connectionId: Id, accountId: Id, favourite: z.boolean() }).strict(),
    output: z.object({ favourite: z.boolean() }),
  },
} as const;
