import type { Migration } from 'kysely';
import { bumpListVersionOnWrite } from './list-version.js';
import type { SchemaThen } from './schema-then.js';

/**
 * The list shows each account's two-factor mark (its policy, and whether the caller has it on):
 * a write to either changes what a page shows, so it changes the list's version too.
 */
export const migration: Migration = {
  async up(db: SchemaThen) {
    await bumpListVersionOnWrite(db, ['two_factor_policies', 'two_factor']);
  },
};
