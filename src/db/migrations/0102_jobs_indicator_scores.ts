/**
 * @module Migration 0102_jobs_indicator_scores: each evaluation's stored result laid out one row per
 * indicator (leaves) and per 一级指标 (level-1 nodes), kept by a trigger whenever `result` is written
 * — by a save, a transition, a re-scoring job, anything — so that dashboards aggregate indexed rows
 * instead of unpacking 20,000 JSON documents (docs/performance.md, “Dashboards at scale”). The 严格口径/待核实
 * figures are columns of `evaluations` itself (migration 0090). A bulk
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
  `create function evaluation_scores_sync() returns trigger language plpgsql as $$
  begin
    if current_setting('jixiao.bulk_scores', true) = 'on' then return null; end if;
    if tg_op = 'UPDATE' then
      if new.result is not distinct from old.result then return null; end if;
      delete from evaluation_scores where evaluation_id = new.id;
    end if;
    if new.result is not null then
      insert into evaluation_scores (evaluation_id, round_id, leaf, node_id, ord, level, name, path, weight, score, missed, incomplete)
      ${SCORE_ROWS_SQL('new.result', 'new.id', 'new.round_id')}
      on conflict do nothing;
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
];

export const m0102_jobs_indicator_scores: Migration = {
  up: async (db: AnyDb) => {
    for (const s of STATEMENTS) await sql.raw(s).execute(db);
  },
};
