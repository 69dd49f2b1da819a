/**
 * @module Migration 0081: failed sign-ins counted in the database (src/server/resources/auth/throttle.ts),
 * per address-and-account ('pair') and per account, so restarts and several server processes share them.
 */
import { type Kysely, type Migration, sql } from 'kysely';

export const m0081_server_login_failures: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up: async (db: Kysely<any>) => {
    await sql`create table login_failures (
      scope text not null check (scope in ('pair', 'account')),
      key text not null,
      failures integer not null check (failures > 0),
      last_failure_at timestamptz not null,
      primary key (scope, key)
    )`.execute(db);
    await sql`create index login_failures_last on login_failures (last_failure_at)`.execute(db);
  },
};
