import { useEffect, useState } from 'react';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import type { AccountProducts } from '../../src-shared/ipc/channels/products.js';
import { invoke } from '../bridge/invoke.js';

/**
 * The account's services and domains from the provider, or null while loading or when they cannot
 * be had (connector without the capability, offline...): callers fall back to the row's domains.
 */
export function useAccountProducts(row: Pick<ListedAccount, 'connectionId' | 'id'>): AccountProducts | null {
  const key = `${row.connectionId}\n${row.id}`;
  // Kept with the account it belongs to, so another account's answer is never shown meanwhile.
  const [loaded, setLoaded] = useState<{ key: string; products: AccountProducts | null } | null>(null);
  useEffect(() => {
    let live = true;
    invoke('account.products', { connectionId: row.connectionId, accountId: row.id }).then(
      (result) => live && setLoaded({ key, products: result }),
      () => live && setLoaded({ key, products: null }),
    );
    return () => {
      live = false;
    };
  }, [key, row.connectionId, row.id]);
  return loaded?.key === key ? loaded.products : null;
}
