/** @module Migration 0120 (webscale): 催办 reminders a bureau sends to units that have not started a round. */
import { type Kysely, type Migration, sql } from 'kysely';

export const m0120_webscale_reminders: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    await sql`create table reminders (
      id integer generated always as identity primary key,
      round_id integer not null references rounds(id),
      org_id integer not null references organisations(id),
      region_id integer not null references organisations(id),
      sent_by integer references users(id),
      sent_by_name text not null,
      message text not null default '',
      sent_at timestamptz not null default now()
    )`.execute(db);
    await sql`create index reminders_org on reminders (org_id, id)`.execute(db);
    await sql`create index reminders_round on reminders (round_id, org_id)`.execute(db);
  },
};
