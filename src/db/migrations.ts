/**
 * @module Versioned migrations, in code so they ship inside dist/ and run the same on PGlite and
 * PostgreSQL. Never edit a migration that has been released: add the next one. Each statement is
 * run on its own (PGlite's extended protocol takes one statement at a time).
 */
import { DatabaseError } from './database.js';
import { m0080_server_framework_owner } from './migrations/0080_server_framework_owner.js';
import { m0081_server_login_failures } from './migrations/0081_server_login_failures.js';
import { m0082_server_audit_chain } from './migrations/0082_server_audit_chain.js';
import { m0120_webscale_reminders } from './migrations/0120_webscale_reminders.js';
import { m0110_rounds_units } from './migrations/0110_rounds_units.js';
import { m0111_rounds_provenance } from './migrations/0111_rounds_provenance.js';
import { m0090_engine_result_columns } from './migrations/0090_engine_result_columns.js';
import { m0100_jobs_queue } from './migrations/0100_jobs_queue.js';
import { m0101_jobs_dashboard_indexes } from './migrations/0101_jobs_dashboard_indexes.js';
import { m0102_jobs_indicator_scores } from './migrations/0102_jobs_indicator_scores.js';
import { m0130_cycle_tables } from './migrations/0130_cycle_tables.js';
import { m0140_jobs_indicator_sums } from './migrations/0140_jobs_indicator_sums.js';
import { m0141_jobs_inputs } from './migrations/0141_jobs_inputs.js';
import { type Kysely, type Migration, type MigrationProvider, type MigrationResult, Migrator, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function statements(...sqls: string[]): Migration['up'] {
  return async (db: AnyDb) => {
    for (const s of sqls) await sql.raw(s).execute(db);
  };
}

const m0001_initial: Migration = {
  up: statements(
    `create table organisations (
      id integer generated always as identity primary key,
      parent_id integer references organisations(id),
      region_id integer references organisations(id),
      path text not null default '',
      kind text not null check (kind in ('bureau', 'unit', 'subunit')),
      name text not null check (length(name) > 0),
      code text not null unique,
      created_at timestamptz not null default now(),
      check ((kind = 'bureau') = (parent_id is null))
    )`,
    `create index organisations_region on organisations (region_id)`,
    `create index organisations_path on organisations (path text_pattern_ops)`,
    `create table users (
      id integer generated always as identity primary key,
      org_id integer not null references organisations(id),
      username text not null unique,
      display_name text not null,
      role text not null check (role in ('bureau_admin', 'bureau_reviewer', 'unit_filler', 'unit_leader', 'public')),
      password_hash text not null,
      disabled boolean not null default false,
      created_at timestamptz not null default now(),
      password_changed_at timestamptz
    )`,
    `create index users_org on users (org_id)`,
    `create table sessions (
      id text primary key,
      user_id integer not null references users(id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip text,
      user_agent text
    )`,
    `create index sessions_user on sessions (user_id)`,
    `create table framework_versions (
      id integer generated always as identity primary key,
      framework_id text not null,
      version integer not null,
      name text not null,
      region text not null,
      year integer not null,
      kind text not null,
      source_yaml text not null,
      source_sha256 text not null,
      frozen_at timestamptz,
      created_at timestamptz not null default now(),
      unique (framework_id, version)
    )`,
    // A frozen framework version is what a round was scored with: its source never changes again.
    `create function framework_versions_frozen() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        if old.frozen_at is not null then
          raise exception '指标框架 %（第%版）已被评价轮次使用并冻结，不能删除', old.framework_id, old.version using errcode = 'check_violation';
        end if;
        return old;
      end if;
      if old.frozen_at is not null and (new.source_yaml is distinct from old.source_yaml
          or new.framework_id is distinct from old.framework_id or new.version is distinct from old.version
          or new.frozen_at is null) then
        raise exception '指标框架 %（第%版）已被评价轮次使用并冻结，不能修改', old.framework_id, old.version using errcode = 'check_violation';
      end if;
      return new;
    end $$`,
    `create trigger framework_versions_frozen before update or delete on framework_versions
      for each row execute function framework_versions_frozen()`,
    `create table rounds (
      id integer generated always as identity primary key,
      region_id integer not null references organisations(id),
      name text not null check (length(name) > 0),
      year integer not null,
      framework_version_id integer not null references framework_versions(id),
      deadline timestamptz,
      created_at timestamptz not null default now(),
      created_by integer references users(id),
      unique (region_id, name)
    )`,
    `create table evaluations (
      id integer generated always as identity primary key,
      round_id integer not null references rounds(id),
      org_id integer not null references organisations(id),
      status text not null default 'draft'
        check (status in ('draft', 'submitted_leader', 'submitted_bureau', 'returned', 'approved', 'locked')),
      version integer not null default 1,
      document jsonb not null,
      result jsonb,
      total numeric(8, 2),
      grade text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      updated_by integer references users(id),
      unique (round_id, org_id)
    )`,
    `create index evaluations_org on evaluations (org_id)`,
    `create table evaluation_comments (
      id integer generated always as identity primary key,
      evaluation_id integer not null references evaluations(id) on delete cascade,
      author_id integer references users(id),
      author_name text not null,
      action text not null,
      body text not null,
      created_at timestamptz not null default now()
    )`,
    `create index evaluation_comments_evaluation on evaluation_comments (evaluation_id)`,
    `create table attachments (
      id integer generated always as identity primary key,
      evaluation_id integer not null references evaluations(id) on delete cascade,
      indicator text,
      filename text not null,
      content_type text not null,
      size integer not null check (size >= 0),
      sha256 text not null,
      content bytea not null,
      uploaded_by integer references users(id),
      created_at timestamptz not null default now()
    )`,
    `create index attachments_evaluation on attachments (evaluation_id)`,
    `create table audit_log (
      id integer generated always as identity primary key,
      at timestamptz not null default clock_timestamp(),
      actor_id integer references users(id),
      actor_name text not null,
      region_id integer references organisations(id),
      org_id integer references organisations(id),
      entity text not null,
      entity_id text not null,
      action text not null,
      changes jsonb not null default '[]',
      detail jsonb
    )`,
    `create index audit_log_region on audit_log (region_id, id)`,
    `create index audit_log_entity on audit_log (entity, entity_id, id)`,
    // Append-only: the database itself refuses to change or remove an entry.
    `create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception '审计日志只能追加，不能修改或删除' using errcode = 'insufficient_privilege';
    end $$`,
    `create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_append_only()`,
    `create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only()`,
  ),
};

export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': m0001_initial,
  '0080_server_framework_owner': m0080_server_framework_owner,
  '0081_server_login_failures': m0081_server_login_failures,
  '0082_server_audit_chain': m0082_server_audit_chain,
  '0120_webscale_reminders': m0120_webscale_reminders,
  '0110_rounds_units': m0110_rounds_units,
  '0111_rounds_provenance': m0111_rounds_provenance,
  '0090_engine_result_columns': m0090_engine_result_columns,
  '0100_jobs_queue': m0100_jobs_queue,
  '0101_jobs_dashboard_indexes': m0101_jobs_dashboard_indexes,
  '0102_jobs_indicator_scores': m0102_jobs_indicator_scores,
  '0130_cycle_tables': m0130_cycle_tables,
  '0140_jobs_indicator_sums': m0140_jobs_indicator_sums,
  '0141_jobs_inputs': m0141_jobs_inputs,
};

export const LATEST_MIGRATION = Object.keys(MIGRATIONS).sort().at(-1)!;

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

/** Brings the schema to the newest migration; returns the names applied now. */
export async function migrateToLatest(db: AnyDb): Promise<string[]> {
  // Name the schema: Kysely looks for its bookkeeping tables in every schema otherwise, and would
  // take another schema's (a parallel test file's) for ours.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema ?? 'public';
  const migrator = new Migrator({ db, provider: new StaticProvider(), migrationTableSchema: schema });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error');
    throw new DatabaseError(
      'migrate',
      `数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${(error as Error).message ?? String(error)}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
