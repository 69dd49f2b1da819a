/**
 * @module Migration 0100_jobs_queue: what a background job shows to people (progress, owner, result
 * file) and the notifications that reminder jobs leave. The queue itself (claiming, retries,
 * expiry) is pg-boss's own schema, created by pg-boss when it starts.
 */
import { type Kysely, type Migration, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const STATEMENTS = [
  `create table job_runs (
    id uuid primary key,
    kind text not null,
    user_id integer references users(id) on delete set null,
    region_id integer references organisations(id),
    state text not null default 'queued' check (state in ('queued', 'running', 'done', 'failed', 'cancelled')),
    done integer not null default 0,
    total integer not null default 0,
    current text not null default '',
    errors jsonb not null default '[]',
    message text,
    params jsonb not null default '{}',
    file_name text,
    file_size bigint,
    file_path text,
    attempts integer not null default 0,
    worker text,
    cancel_requested boolean not null default false,
    created_at timestamptz not null default now(),
    started_at timestamptz,
    heartbeat_at timestamptz,
    finished_at timestamptz
  )`,
  `create index job_runs_user on job_runs (user_id, state)`,
  `create index job_runs_active on job_runs (state, heartbeat_at) where state in ('queued', 'running')`,
  `create index job_runs_finished on job_runs (finished_at) where finished_at is not null`,
  // A result kept in the database (the default); with JIXIAO_JOB_FILES_DIR it is a file there instead.
  `create table job_files (
    job_id uuid primary key references job_runs(id) on delete cascade,
    content bytea not null
  )`,
  `create table notifications (
    id integer generated always as identity primary key,
    user_id integer not null references users(id) on delete cascade,
    kind text not null,
    title text not null,
    body text not null,
    link text,
    dedupe_key text not null,
    created_at timestamptz not null default now(),
    read_at timestamptz,
    unique (user_id, dedupe_key)
  )`,
  `create index notifications_user on notifications (user_id, created_at desc)`,
];

export const m0100_jobs_queue: Migration = {
  up: async (db: AnyDb) => {
    for (const s of STATEMENTS) await sql.raw(s).execute(db);
  },
};
