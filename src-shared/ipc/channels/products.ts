/** Owner actions: what an account bought, e.g. to choose a grant's scope (capability `products`). */
import { z } from 'zod';
import { Domain, Service } from '../../api/services.js';
import { OnAccount } from '../request-parts.js';

/** What an account bought, as far as the caller may see it; a list the caller may not see is empty. */
export const AccountProducts = z.object({ services: z.array(Service), domains: z.array(Domain) });
export type AccountProducts = z.infer<typeof AccountProducts>;

export const productsChannels = {
  /** The account's services and domains, for choosing a grant's scope. */
  'account.products': { input: z.object(OnAccount).strict(), output: AccountProducts },
} as const;
