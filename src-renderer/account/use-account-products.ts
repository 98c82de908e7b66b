import { useEffect, useState } from 'react';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import type { AccountProducts } from '../../src-shared/ipc/channels/products.js';
import { invoke } from '../bridge/invoke.js';

/**
 * The account's services and domains from the provider, or null while loading or when they cannot
 * be had (connector without the capability, offline...): callers fall back to the row's domains.
 */
export function useAccountProducts(row: Pick<ListedAccount, 'connectionId' | 'id'>): AccountProducts | null {
  const [products, setProducts] = useState<AccountProducts | null>(null);
  useEffect(() => {
    let live = true;
    setProducts(null);
    invoke('account.products', { connectionId: row.connectionId, accountId: row.id }).then(
      (result) => live && setProducts(result),
      () => live && setProducts(null),
    );
    return () => {
      live = false;
    };
  }, [row.connectionId, row.id]);
  return products;
}
