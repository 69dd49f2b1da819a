/**
 * @module Migration 0140_jobs_indicator_sums: the dashboard's “indicators most missed” kept as running
 * sums per round, status and indicator (evaluation_indicator_sums), so the dashboard reads a few
 * hundred rows instead of summing every indicator row of the round (460,000 for 20,000 units).
 *
 * A row trigger on evaluations applies the difference a write makes: the old result's indicator rows
 * subtracted under the old status, the new result's added under the new one, indicators whose
 * figures did not change left untouched — a save that changes one figure locks one row, not all.
 * Each (round, status, indicator) is split into SHARDS rows by evaluation id, so two units saving at
 * the same moment rarely wait for the same row; rows are written in key order, so two writers never
 * lock the same rows in opposite orders. Counted: evaluations with a stored result and total (what
 * evaluation_scores holds and the dashboard counts). A bulk loader that sets `jixiao.bulk_scores = on`
 * calls evaluation_indicator_sums_refresh(round) afterwards (as it fills evaluation_scores itself).
 */
import { type Kysely, type Migration, sql } from 'kysely';
import { SCORE_ROWS_SQL } from './0102_jobs_indicator_scores.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** Rows per (round, status, indicator); an evaluation always adds to the same one (id % SHARDS). */
export const INDICATOR_SUM_SHARDS = 16;

/** The signed contribution of one evaluation row (`r` = new or old) to the sums. */
const contribution = (r: 'new' | 'old', sign: 1 | -1, op: string) => `
  select ${r}.round_id as round_id, ${r}.status as status, (${r}.id % ${INDICATOR_SUM_SHARDS})::smallint as shard,
    x.node_id, x.name, x.path, x.weight, ${sign} as n,
    ${sign} * (x.score < x.weight)::int as lost_n, ${sign} * x.missed::int as missed_n,
    ${sign} * x.incomplete::int as incomplete_n,
    ${sign} * greatest(x.weight - x.score, 0) as lost, ${sign} * x.score as score
  from (${SCORE_ROWS_SQL(`${r}.result`, `${r}.id`, `${r}.round_id`)}) x
  where tg_op <> '${op}' and x.leaf and ${r}.result is not null and ${r}.total is not null`;

const STATEMENTS = [
  `create table evaluation_indicator_sums (
    round_id integer not null references rounds(id) on delete cascade,
    status text not null,
    node_id text not null,
    shard smallint not null,
    name text not null,
    path text[] not null,
    weight numeric not null,
    units integer not null,
    lost_count integer not null,
    missed_count integer not null,
    incomplete_count integer not null,
    lost numeric not null,
    score_sum numeric not null,
    primary key (round_id, status, node_id, shard)
  )`,
  `create function evaluation_indicator_sums_sync() returns trigger language plpgsql as $$
  begin
    if current_setting('jixiao.bulk_scores', true) = 'on' then return null; end if;
    if tg_op = 'UPDATE' and new.result is not distinct from old.result and new.status = old.status
      and new.round_id = old.round_id and (new.total is null) = (old.total is null) then
      return null;
    end if;
    insert into evaluation_indicator_sums as t (round_id, status, node_id, shard, name, path, weight, units,
      lost_count, missed_count, incomplete_count, lost, score_sum)
    select d.round_id, d.status, d.node_id, d.shard, min(d.name), min(d.path), max(d.weight), sum(d.n),
      sum(d.lost_n), sum(d.missed_n), sum(d.incomplete_n), sum(d.lost), sum(d.score)
    from (${contribution('new', 1, 'DELETE')} union all ${contribution('old', -1, 'INSERT')}) d
    group by d.round_id, d.status, d.node_id, d.shard
    having sum(d.n) <> 0 or sum(d.lost_n) <> 0 or sum(d.missed_n) <> 0 or sum(d.incomplete_n) <> 0
      or sum(d.lost) <> 0 or sum(d.score) <> 0
    order by d.round_id, d.status, d.node_id, d.shard
    on conflict (round_id, status, node_id, shard) do update set
      units = t.units + excluded.units,
      lost_count = t.lost_count + excluded.lost_count,
      missed_count = t.missed_count + excluded.missed_count,
      incomplete_count = t.incomplete_count + excluded.incomplete_count,
      lost = t.lost + excluded.lost,
      score_sum = t.score_sum + excluded.score_sum;
    return null;
  end $$`,
  `create trigger evaluation_indicator_sums_sync after insert or delete or update of result, status, total, round_id
    on evaluations for each row execute function evaluation_indicator_sums_sync()`,
  // A round's sums from its stored indicator rows: for bulk loaders, and to repair.
  `create function evaluation_indicator_sums_refresh(rid integer) returns void language sql as $$
    delete from evaluation_indicator_sums where round_id = rid;
    insert into evaluation_indicator_sums (round_id, status, node_id, shard, name, path, weight, units,
      lost_count, missed_count, incomplete_count, lost, score_sum)
    select e.round_id, e.status, s.node_id, (e.id % ${INDICATOR_SUM_SHARDS})::smallint, min(s.name), min(s.path),
      max(s.weight), count(*), count(*) filter (where s.score < s.weight), count(*) filter (where s.missed),
      count(*) filter (where s.incomplete), sum(greatest(s.weight - s.score, 0)), sum(s.score)
    from evaluations e join evaluation_scores s on s.evaluation_id = e.id and s.leaf
    where e.round_id = rid and e.result is not null and e.total is not null
    group by e.round_id, e.status, s.node_id, (e.id % ${INDICATOR_SUM_SHARDS})::smallint;
  $$`,
  // What is already there.
  `select evaluation_indicator_sums_refresh(id) from rounds`,
];

export const m0140_jobs_indicator_sums: Migration = {
  up: async (db: AnyDb) => {
    for (const s of STATEMENTS) await sql.raw(s).execute(db);
  },
};
