/** @module Migration 0110: a round names its units (round_units); rounds made before it ask every unit of their region. */
import { type Kysely, type Migration, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const STATEMENTS = [
  `create table round_units (
    round_id integer not null references rounds(id) on delete cascade,
    org_id integer not null references organisations(id),
    added_at timestamptz not null default now(),
    added_by integer references users(id),
    withdrawn_at timestamptz,
    withdrawn_by integer references users(id),
    primary key (round_id, org_id)
  )`,
  `create index round_units_org on round_units (org_id)`,
  // Rounds opened before rounds named their units kept asking every unit and sub-unit of the region.
  `insert into round_units (round_id, org_id)
    select r.id, o.id from rounds r join organisations o on o.region_id = r.region_id and o.kind <> 'bureau'`,
];

export const m0110_rounds_units: Migration = {
  up: async (db: AnyDb) => {
    for (const s of STATEMENTS) await sql.raw(s).execute(db);
  },
};
