/** @module Migration 0111: a draft started from last year or an imported file remembers which values still await confirmation. */
import { type Kysely, type Migration, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export const m0111_rounds_provenance: Migration = {
  up: async (db: AnyDb) => {
    await sql.raw(`alter table evaluations add column provenance jsonb`).execute(db);
  },
};
