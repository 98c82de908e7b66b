import { Kysely, Migrator, type Migration } from 'kysely';
import type { Database } from './tables.js';
import { migration as m0001 } from './migrations/0001-initial.js';
import { migration as m0002 } from './migrations/0002-idempotency-keys.js';
import { migration as m0003 } from './migrations/0003-access-workflows.js';
import { migration as m0004 } from './migrations/0004-account-list-version.js';
import { migration as m0005 } from './migrations/0005-rate-limits.js';
import { migration as m0006 } from './migrations/0006-two-factor.js';
import { migration as m0007 } from './migrations/0007-two-factor-policy.js';
import { migration as m0008 } from './migrations/0008-auth-hardening.js';
import { migration as m0010 } from './migrations/0010-access-expiry.js';
import { migration as m0011 } from './migrations/0011-access-requests.js';
import { migration as m0012 } from './migrations/0012-membership-account-name.js';
import { migration as m0013 } from './migrations/0013-two-factor-list-version.js';
import { migration as m0014 } from './migrations/0014-account-counts.js';
import { migration as m0015 } from './migrations/0015-domain-names-order.js';

/**
 * Migrations live in code (no files to ship next to a bundled server), one file each under
 * `migrations/`, and use only portable types, so the same history runs on SQLite and PostgreSQL.
 * Kysely runs them in name order.
 */
const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_idempotency_keys': m0002,
  '0003_access_workflows': m0003,
  '0004_account_list_version': m0004,
  '0005_rate_limits': m0005,
  '0006_two_factor': m0006,
  '0007_two_factor_policy': m0007,
  '0008_auth_hardening': m0008,
  '0010_access_expiry': m0010,
  '0011_access_requests': m0011,
  '0012_membership_account_name': m0012,
  '0013_two_factor_list_version': m0013,
  '0014_account_counts': m0014,
  '0015_domain_names_order': m0015,
};

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
