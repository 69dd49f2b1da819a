/**
 * The dashboard measured in process (a phase of `npm run bench:scale`; `BENCH_ONLY=dashboard` runs it
 * alone): roundDashboard and roundProgress called one at a time, five runs each, as a bureau admin,
 * on the province's 20,000-unit round and the 2,000-unit region's round. The baseline in the same run
 * is the indicators-most-missed aggregate over every indicator row (evaluation_scores, what the
 * dashboard summed before migration 0140) beside the same figures read from the per-round summary
 * (evaluation_indicator_sums). Then save contention: concurrent saves of different drafts of one
 * round (all in the same status, so the same summary rows), with the summary trigger on, against the
 * same saves with it disabled; the round's summary is rebuilt afterwards.
 */
import { sql } from 'kysely';
import type { Database } from '../src/db/database.js';
import type { DashboardScope } from '../src/server/resources/dashboard/contract.js';
import { missedFromScores, missedFromSums } from '../src/server/resources/dashboard/missed.js';
import { roundDashboard, roundProgress, SCOPE_STATUSES } from '../src/server/resources/dashboard/service.js';
import { loadActor } from '../src/server/resources/auth/service.js';
import { saveEvaluation } from '../src/server/resources/evaluations/service.js';
import { getRound } from '../src/server/resources/rounds/service.js';

const RUNS = 5;

async function times(f: () => Promise<unknown>, runs = RUNS): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

const range = (t: number[]) => `${Math.round(t[0]!)}–${Math.round(t.at(-1)!)} ms`;
const median = (t: number[]) => t[Math.floor(t.length / 2)]!;

async function adminOf(d: Database, username: string) {
  const u = await d.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return (await loadActor(d.db, u.id))!;
}

export async function dashboardInProcess(
  d: Database,
  rounds: { r20k: number; r2k: number },
  log: (line: string) => void = console.log,
): Promise<void> {
  const a20k = await adminOf(d, 'province-admin');
  const a2k = await adminOf(d, 'city2k-admin');
  log('| query | 20,000-unit round | 2,000-unit round |');
  log('|---|---|---|');
  for (const scope of ['all', 'approved'] as DashboardScope[]) {
    const t20 = await times(() => roundDashboard(d.db, a20k, rounds.r20k, scope));
    const t2 = await times(() => roundDashboard(d.db, a2k, rounds.r2k, scope));
    log(`| dashboard, scope=${scope} | ${range(t20)} | ${range(t2)} |`);
  }
  {
    const r20 = await getRound(d.db, a20k, rounds.r20k);
    const r2 = await getRound(d.db, a2k, rounds.r2k);
    const t20 = await times(() => roundProgress(d.db, a20k, r20));
    const t2 = await times(() => roundProgress(d.db, a2k, r2));
    log(`| progress | ${range(t20)} | ${range(t2)} |`);
  }
  log('');
  log('indicators most missed, scope=all — summary table against every indicator row (baseline, same run):');
  log('');
  log('| round | evaluation_scores (baseline) | evaluation_indicator_sums | ratio |');
  log('|---|---|---|---|');
  for (const [label, actor, id] of [
    ['20,000 units', a20k, rounds.r20k],
    ['2,000 units', a2k, rounds.r2k],
  ] as const) {
    const round = await getRound(d.db, actor, id);
    const base = await times(() => missedFromScores(d.db, actor, round, SCOPE_STATUSES.all));
    const sums = await times(() => missedFromSums(d.db, id, SCOPE_STATUSES.all));
    log(`| ${label} | ${range(base)} | ${range(sums)} | ${(median(sums) / median(base)).toFixed(3)}× |`);
  }
  log('');
  await saveContention(d, rounds.r20k, log);
}

/**
 * Fillers of `n` drafts of the round save (each changes one figure, alternately), `rounds` times over,
 * all at once and then one after another: saves per second with the summary trigger, and with it
 * disabled (the baseline). The two ratios tell the trigger's own cost from waiting on its rows.
 */
async function saveContention(d: Database, roundId: number, log: (line: string) => void, n = 16, rounds = 6) {
  const drafts = await sql<{ id: number; filler: number }>`
    select e.id, u.id as filler from evaluations e join users u on u.org_id = e.org_id and u.role = 'unit_filler'
    where e.round_id = ${roundId} and e.status = 'draft' order by e.id limit ${n}`.execute(d.db);
  const people = await Promise.all(
    drafts.rows.map(async (r) => ({ id: r.id, actor: (await loadActor(d.db, r.filler))! })),
  );
  let flip = 0;
  const save = async (p: (typeof people)[number]) => {
    const row = await d.db
      .selectFrom('evaluations')
      .select(['version', 'document'])
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    const doc = structuredClone(row.document) as { indicators: Record<string, { actual?: string }> };
    const k = '预算执行率';
    doc.indicators[k] = { ...doc.indicators[k], actual: flip % 2 ? '88%' : '93%' };
    await saveEvaluation(d.db, p.actor, p.id, row.version, doc);
  };
  // Seconds spent and saves made, per setting; the settings alternate so that a change in the
  // machine's load falls on both alike.
  const spent = { on: { together: 0, alone: 0 }, off: { together: 0, alone: 0 } };
  const burst = async (together: boolean) => {
    const t = performance.now();
    for (let i = 0; i < rounds; i++) {
      flip++;
      if (together) await Promise.all(people.map(save));
      else for (const p of people) await save(p);
    }
    return (performance.now() - t) / 1000;
  };
  const trigger = (on: boolean) =>
    sql`alter table evaluations ${sql.raw(on ? 'enable' : 'disable')} trigger evaluation_indicator_sums_sync`.execute(
      d.db,
    );
  await burst(true); // warm
  try {
    for (let rep = 0; rep < 3; rep++)
      for (const setting of ['on', 'off'] as const) {
        await trigger(setting === 'on');
        spent[setting].together += await burst(true);
        spent[setting].alone += await burst(false);
      }
  } finally {
    await trigger(true);
    await sql`select evaluation_indicator_sums_refresh(${roundId})`.execute(d.db);
  }
  const per = (secs: number) => (3 * people.length * rounds) / secs;
  const on = { together: per(spent.on.together), alone: per(spent.on.alone) };
  const off = { together: per(spent.off.together), alone: per(spent.off.alone) };
  log(
    `saves of ${people.length} drafts of one round (same status, so the same summary rows), ${rounds} times, three times over:`,
  );
  log('');
  log('| saves | with the summary trigger | without it (baseline) | ratio |');
  log('|---|---|---|---|');
  for (const k of ['together', 'alone'] as const)
    log(
      `| ${k === 'together' ? `${people.length} at once` : 'one at a time'} | ${on[k].toFixed(0)} /s | ${off[k].toFixed(0)} /s | ${(on[k] / off[k]).toFixed(2)}× |`,
    );
}
