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

export const accountsChannels = {
  'accounts.list': { input: NoInput, output: z.array(ListedAccount) },
  'accounts.setFavourite': {
    input: z.object({ connectionId: Id, accountId: Id, favourite: z.boolean() }).strict(),
    output: z.object({ favourite: z.boolean() }),
  },
} as const;
