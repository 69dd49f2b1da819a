/**
 * @module Migration 0102_jobs_indicator_scores: each evaluation's stored result laid out one row per
 * indicator (leaves) and per 一级指标 (level-1 nodes), and its 严格口径/待核实 figures in one row, kept by a trigger whenever `result` is written
 * — by a save, a transition, a re-scoring job, anything — so that dashboards aggregate indexed rows
 * instead of unpacking 20,000 JSON documents (docs/performance.md, “Dashboards at scale”). A bulk
 * loader that fills the table itself sets `jixiao.bulk_scores = on` for its transaction.
 */
import { type Kysely, type Migration, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** The rows of one result (`r`, a jsonb) for evaluation `eid` of round `rid`: used by the trigger and the loaders. */
export const SCORE_ROWS_SQL = (r: string, eid: string, rid: string) => `
  select ${eid} as evaluation_id, ${rid} as round_id, true as leaf, x->>'id' as node_id, ord::smallint as ord,
    (x->>'level')::smallint as level, x->>'name' as name, array(select jsonb_array_elements_text(x->'path')) as path,
    (x->>'weight')::numeric as weight, (x->>'score')::numeric as score,
    coalesce((x->>'missed')::boolean, false) as missed,
    case when x ? 'verification' then x->>'verification' = 'unverifiable'
      else coalesce((x->>'incomplete')::boolean, false) end as incomplete
  from jsonb_array_elements(coalesce(${r}->'indicators', '[]')) with ordinality as t(x, ord)
  union all
  select ${eid}, ${rid}, false, x->>'id', ord::smallint, 1, x->>'name', array[]::text[], (x->>'weight')::numeric,
    (x->>'score')::numeric, false, false
  from jsonb_array_elements(coalesce(${r}->'nodes', '[]')) with ordinality as t(x, ord) where (x->>'level')::int = 1`;

/** The evaluation-level figures of one result beside the stored total and grade (results stored before
 * the score model lack the strict fields: their total was strict). */
export const TOTAL_ROW_SQL = (r: string, eid: string, rid: string) => `
  select ${eid} as evaluation_id, ${rid} as round_id,
    coalesce((${r}->>'strictTotal')::numeric, (${r}->>'total')::numeric) as strict_total,
    coalesce(${r}->>'strictGrade', ${r}->>'grade') as strict_grade,
    coalesce((${r}->'unverifiable'->>'count')::int, 0) as unverifiable_count,
    coalesce((${r}->'unverifiable'->>'points')::numeric, 0) as unverifiable_points,
    coalesce((${r}->>'gradeMayChange')::boolean, false) as grade_may_change`;

const STATEMENTS = [
  `create table evaluation_scores (
    evaluation_id integer not null references evaluations(id) on delete cascade,
    round_id integer not null,
    leaf boolean not null,
    node_id text not null,
    ord smallint not null,
    level smallint not null,
    name text not null,
    path text[] not null,
    weight numeric not null,
    score numeric not null,
    missed boolean not null,
    incomplete boolean not null,
    primary key (evaluation_id, leaf, node_id)
  )`,
  `create index evaluation_scores_round on evaluation_scores (round_id, leaf, node_id)
    include (evaluation_id, weight, score, missed, incomplete)`,
  `create table evaluation_totals (
    evaluation_id integer primary key references evaluations(id) on delete cascade,
    round_id integer not null,
    strict_total numeric not null,
    strict_grade text not null,
    unverifiable_count integer not null,
    unverifiable_points numeric not null,
    grade_may_change boolean not null
  )`,
  `create index evaluation_totals_round on evaluation_totals (round_id) include (unverifiable_count, unverifiable_points, grade_may_change)`,
  `create function evaluation_scores_sync() returns trigger language plpgsql as $$
  begin
    if current_setting('jixiao.bulk_scores', true) = 'on' then return null; end if;
    if tg_op = 'UPDATE' then
      if new.result is not distinct from old.result then return null; end if;
      delete from evaluation_scores where evaluation_id = new.id;
      delete from evaluation_totals where evaluation_id = new.id;
    end if;
    if new.result is not null then
      insert into evaluation_scores (evaluation_id, round_id, leaf, node_id, ord, level, name, path, weight, score, missed, incomplete)
      ${SCORE_ROWS_SQL('new.result', 'new.id', 'new.round_id')}
      on conflict do nothing;
      insert into evaluation_totals ${TOTAL_ROW_SQL('new.result', 'new.id', 'new.round_id')};
    end if;
    return null;
  end $$`,
  `create trigger evaluation_scores_sync after insert or update of result on evaluations
    for each row execute function evaluation_scores_sync()`,
  // What is already there.
  `insert into evaluation_scores (evaluation_id, round_id, leaf, node_id, ord, level, name, path, weight, score, missed, incomplete)
   select s.* from evaluations e cross join lateral (${SCORE_ROWS_SQL('e.result', 'e.id', 'e.round_id')}) s
   where e.result is not null
   on conflict do nothing`,
  `insert into evaluation_totals
   select t.* from evaluations e cross join lateral (${TOTAL_ROW_SQL('e.result', 'e.id', 'e.round_id')}) t
   where e.result is not null`,
];

export const m0102_jobs_indicator_scores: Migration = {
  up: async (db: AnyDb) => {
    for (const s of STATEMENTS) await sql.raw(s).execute(db);
  },
};
