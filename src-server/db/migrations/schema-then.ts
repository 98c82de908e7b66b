import type { Kysely } from 'kysely';

/** A migration sees the schema as it was when the migration was written, not today's typed one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SchemaThen = Kysely<any>;
