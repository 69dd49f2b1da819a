// Migration 0130: the cycle's tables — region settings, target sets, monitoring reports, 整改 items, publications.
import { type Kysely, type Migration, sql } from 'kysely';
import { RECTIFICATION_SOURCES, RECTIFICATION_STATUSES } from '../../core/cycle/labels.js';
import { TARGET_STATUSES } from '../../core/cycle/workflow.js';

const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

const STATEMENTS = [
  // One row per region (财政局): the lag threshold, the monitoring dates, the 结果应用 rules, whether target tables are published.
  `create table cycle_settings (
    region_id integer primary key references organisations(id),
    lag_threshold numeric(5, 2) not null default 10 check (lag_threshold >= 0 and lag_threshold <= 100),
    monitoring_months jsonb not null default '[6, 9]',
    result_rules jsonb,
    publish_targets boolean not null default false,
    updated_at timestamptz not null default now()
  )`,
  `create table target_sets (
    id integer generated always as identity primary key,
    org_id integer not null references organisations(id),
    region_id integer not null references organisations(id),
    year integer not null check (year between 2000 and 2100),
    status text not null default 'draft' check (status in (${list(TARGET_STATUSES)})),
    version integer not null default 1,
    document jsonb not null,
    review jsonb,
    approved jsonb,
    approved_version integer,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    updated_by integer references users(id),
    unique (org_id, year),
    check ((status = 'approved') = (approved is not null))
  )`,
  `create index target_sets_region on target_sets (region_id, year)`,
  `create table monitoring_reports (
    id integer generated always as identity primary key,
    org_id integer not null references organisations(id),
    region_id integer not null references organisations(id),
    year integer not null check (year between 2000 and 2100),
    month integer not null check (month between 1 and 12),
    version integer not null default 1,
    document jsonb not null,
    progress jsonb not null,
    urged_at timestamptz,
    urged_note text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    updated_by integer references users(id),
    unique (org_id, year, month)
  )`,
  `create index monitoring_reports_region on monitoring_reports (region_id, year)`,
  `create table rectification_items (
    id integer generated always as identity primary key,
    org_id integer not null references organisations(id),
    region_id integer not null references organisations(id),
    year integer not null check (year between 2000 and 2100),
    source text not null check (source in (${list(RECTIFICATION_SOURCES)})),
    problem text not null check (length(problem) > 0),
    owner text,
    measure text,
    due date,
    status text not null default 'open' check (status in (${list(RECTIFICATION_STATUSES)})),
    evidence jsonb not null default '[]',
    outcome text,
    origin text,
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    updated_by integer references users(id)
  )`,
  `create index rectification_items_org on rectification_items (org_id, year)`,
  `create index rectification_items_region on rectification_items (region_id, year)`,
  // A publication is a pointer to an approved evaluation; withdrawal keeps the row (and the log).
  `create table publications (
    id integer generated always as identity primary key,
    evaluation_id integer not null unique references evaluations(id),
    region_id integer not null references organisations(id),
    org_id integer not null references organisations(id),
    year integer not null,
    include_targets boolean not null default false,
    published_at timestamptz not null default now(),
    published_by integer references users(id),
    withdrawn_at timestamptz
  )`,
  `create index publications_region on publications (region_id, year)`,
];

export const m0130_cycle_tables: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up: async (db: Kysely<any>) => {
    for (const s of STATEMENTS) await sql.raw(s).execute(db);
  },
};
