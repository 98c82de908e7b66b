import type { productsChannels } from '../../../src-shared/ipc/channels/products.js';
import { isClientdeckError } from '../../errors.js';
import type { IpcHandlers } from '../dispatcher.js';
import { capablePart } from '../guards.js';
import type { OwnerHandlerDeps } from '../handler-deps.js';

/** A grant without services.view (or domains.view) simply has none of those to choose from. */
async function unlessForbidden<T>(list: Promise<T[]>): Promise<T[]> {
  try {
    return await list;
  } catch (err) {
    if (isClientdeckError(err) && err.code === 'forbidden') return [];
    throw err;
  }
}

export function createProductsHandlers({ connections }: OwnerHandlerDeps): Pick<IpcHandlers, keyof typeof productsChannels> {
  return {
    'account.products': async ({ connectionId, accountId }) => {
      const products = await capablePart(connections, connectionId, 'products', 'list the services and domains of accounts');
      const [services, domains] = await Promise.all([unlessForbidden(products.listServices(accountId)), unlessForbidden(products.listDomains(accountId))]);
      return { services, domains };
    },
  };
}
