/**
 * @module Migration 0080: framework versions get an owner. A region's own framework (saved in the web
 * editor) belongs to that region (`owner_region_id`, the bureau's id) and is visible to it alone; a
 * built-in framework (frameworks/*.yaml) has none and is everyone's. Existing region frameworks take
 * their owner from the audit entry that created them.
 */
import { type Kysely, type Migration, sql } from 'kysely';

export const m0080_server_framework_owner: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up: async (db: Kysely<any>) => {
    await sql`alter table framework_versions add column owner_region_id integer references organisations(id)`.execute(
      db,
    );
    await sql`update framework_versions f set owner_region_id = a.region_id
      from audit_log a
      where a.entity = 'framework_version' and a.action = 'create' and a.entity_id = f.id::text`.execute(db);
    await sql`create index framework_versions_owner on framework_versions (owner_region_id)`.execute(db);
  },
};
