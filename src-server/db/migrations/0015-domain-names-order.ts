import type { Migration } from 'kysely';
import type { SchemaThen } from './schema-then.js';

/**
 * An accounts page carries each account's first domain names by name (docs/ARCHITECTURE.md §11)
 * in its own read, one correlated subquery per account that has domains: with the names in this
 * order per account, that subquery is a range of this index, not a sort of the account's domains.
 */
export const migration: Migration = {
  async up(db: SchemaThen) {
    await db.schema.createIndex('domains_account_name').on('domains').columns(['account_id', 'name', 'id']).execute();
  },
};
