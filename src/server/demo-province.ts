/**
 * @module A province-sized demo (jixiao seed-demo --units N --years Y): one 财政厅 region with N units,
 * a round a year on the 上街 framework, every unit's evaluation in every round, statuses across the
 * whole workflow. Generated from a fixed seed: a few dozen variants of seed 000's figures are scored
 * by the core once each, and the database copies them to the units in set-based INSERT … SELECT
 * statements (no row-by-row round trips), inside one transaction.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { Evaluation } from '../core/evaluation.js';
import { parseEvaluation } from '../core/parse-evaluation.js';
import { score } from '../core/scoring.js';
import { loadFrameworkVersion } from '../db/frameworks.js';
import { SCORE_ROWS_SQL } from '../db/migrations/0102_jobs_indicator_scores.js';
import type { DB } from '../db/schema.js';
import { SEEDS_EXAMPLES_DIR } from './demo.js';
import { DEFAULT_SCRYPT, hashPassword, type ScryptParams } from './passwords.js';

export const PROVINCE_CODE = 'province';
const FRAMEWORK = 'zhengzhou-shangjie-2021';
const VARIANTS = 48;

export interface ProvinceReport {
  created: boolean;
  regionId: number;
  units: number;
  rounds: Array<{ id: number; year: number; evaluations: number }>;
  byStatus: Record<string, number>;
  ms: number;
}

/** mulberry32: a small PRNG, so the same seed gives the same province. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTIES = ['东城', '西城', '南湖', '北山', '清河', '青云', '临江', '长宁', '安平', '永和', '丰乐', '石桥'];
const DEPARTMENTS = [
  '教育局',
  '卫生健康委员会',
  '民政局',
  '财政局机关',
  '自然资源局',
  '交通运输局',
  '农业农村局',
  '水利局',
  '文化和旅游局',
  '市场监督管理局',
  '人力资源和社会保障局',
  '住房和城乡建设局',
  '生态环境局',
  '审计局',
  '统计局',
  '应急管理局',
  '人民代表大会常务委员会办公室',
  '政协办公室',
  '档案馆',
  '图书馆',
];

const pct = (v: number) => `${(Math.round(v * 10000) / 100).toFixed(2)}%`;

/** One plausible variant of seed 000: execution, percentages and satisfaction moved within real ranges. */
function variant(base: Evaluation, year: number, rnd: () => number): Evaluation {
  const doc = structuredClone(base) as Evaluation & { figures?: { budget?: Record<string, unknown> } };
  doc.year = year;
  const rate = 0.82 + rnd() * 0.2;
  const budget = doc.figures?.budget as { initial?: number; executed?: number } | undefined;
  if (budget?.initial !== undefined) {
    budget.initial = Math.round(budget.initial * (0.5 + rnd() * 3) * 100) / 100;
    budget.executed = Math.round(budget.initial * Math.min(rate, 1) * 100) / 100;
  }
  const ind = doc.indicators as Record<string, { actual?: unknown }>;
  for (const [k, v] of Object.entries(ind)) {
    if (typeof v.actual !== 'string' || !/%$/.test(v.actual)) continue;
    if (k.includes('预算执行率')) v.actual = pct(Math.min(rate, 1));
    else if (k.includes('调整率')) v.actual = pct(rnd() * 0.12);
    else v.actual = pct(Math.min(1, 0.78 + rnd() * 0.25));
  }
  return doc;
}

/** The current year's statuses by share (‰): every status of the workflow, and 4% not started. */
const CURRENT_STATUS_SQL = `case
  when h < 40 then null
  when h < 190 then 'draft'
  when h < 290 then 'submitted_leader'
  when h < 540 then 'submitted_bureau'
  when h < 600 then 'returned'
  when h < 900 then 'approved'
  else 'locked' end`;

export async function seedProvince(
  db: Kysely<DB>,
  opts: {
    units: number;
    years: number;
    seed?: number;
    password?: string;
    scrypt?: ScryptParams;
    lastYear?: number;
    /** Another region beside the province (benchmarks): its code, name and the prefix of unit codes and logins. */
    region?: { code: string; name: string; prefix: string };
    log?: (line: string) => void;
  },
): Promise<ProvinceReport> {
  const region = opts.region ?? { code: PROVINCE_CODE, name: '演示省财政厅', prefix: 'p-' };
  const t0 = performance.now();
  const log = opts.log ?? (() => {});
  const seed = opts.seed ?? 20_240_601;
  const lastYear = opts.lastYear ?? 2023;
  const existing = await db.selectFrom('organisations').select('id').where('code', '=', region.code).executeTakeFirst();
  if (existing) return { created: false, regionId: existing.id, units: 0, rounds: [], byStatus: {}, ms: 0 };

  const fv = await db
    .selectFrom('framework_versions')
    .select('id')
    .where('framework_id', '=', FRAMEWORK)
    .orderBy('version', 'desc')
    .executeTakeFirstOrThrow();
  const framework = (await loadFrameworkVersion(db, fv.id))!.framework;
  const base = parseEvaluation(
    readFileSync(path.join(SEEDS_EXAMPLES_DIR, '000_6ca4beea76738c10.yaml'), 'utf8'),
    '000_6ca4beea76738c10.yaml',
  ).evaluation;
  const rnd = prng(seed);
  const years = Array.from({ length: opts.years }, (_, i) => lastYear - opts.years + 1 + i);
  const variants: Array<{ year: number; k: number; document: string; result: string; total: number; grade: string }> =
    [];
  for (const year of years)
    for (let k = 0; k < VARIANTS; k++) {
      const document = variant(base, year, rnd);
      const result = score(framework, document);
      variants.push({
        year,
        k,
        document: JSON.stringify(document),
        result: JSON.stringify(result),
        total: result.total,
        grade: result.grade,
      });
    }
  log(`已生成并计分 ${variants.length} 个数据样本（${Math.round(performance.now() - t0)} ms）`);
  const hash = await hashPassword(opts.password ?? 'jixiao-demo', opts.scrypt ?? DEFAULT_SCRYPT, { wait: true });
  const names = Array.from({ length: opts.units }, (_, i) => {
    const county = COUNTIES[i % COUNTIES.length]!;
    const dept = DEPARTMENTS[Math.floor(i / COUNTIES.length) % DEPARTMENTS.length]!;
    return `${county}县${dept}（${i + 1}号）`;
  });

  const report = await db.transaction().execute(async (trx) => {
    // Most of the time goes into compressing the JSON documents: lz4 where the server has it.
    await sql`select set_config('default_toast_compression', 'lz4', true) from pg_settings
      where name = 'default_toast_compression' and 'lz4' = any(enumvals)`.execute(trx);
    const bureau = await trx
      .insertInto('organisations')
      .values({ kind: 'bureau', name: region.name, code: region.code, parent_id: null, region_id: null, path: '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const b = bureau.id;
    await trx
      .updateTable('organisations')
      .set({ region_id: b, path: `/${b}/` })
      .where('id', '=', b)
      .execute();
    await sql`insert into organisations (parent_id, region_id, kind, name, code, path)
      select ${b}, ${b}, 'unit', n, ${region.prefix} || i, ''
      from unnest(${names}::text[]) with ordinality as t(n, i)`.execute(trx);
    await sql`update organisations set path = '/' || ${b} || '/' || id || '/' where region_id = ${b} and kind = 'unit'`.execute(
      trx,
    );
    for (const [u, role, label] of [
      ['admin', 'bureau_admin', '财政厅管理员'],
      ['reviewer', 'bureau_reviewer', '财政厅审核员'],
    ] as const)
      await trx
        .insertInto('users')
        .values({ org_id: b, username: `${region.code}-${u}`, display_name: label, role, password_hash: hash })
        .execute();
    for (const [suffix, role, label] of [
      ['filler', 'unit_filler', '填报人'],
      ['leader', 'unit_leader', '负责人'],
    ] as const)
      await sql`insert into users (org_id, username, display_name, role, password_hash)
        select id, code || ${`-${suffix}`}, name || ${label}, ${role}, ${hash}
        from organisations where region_id = ${b} and kind = 'unit'`.execute(trx);
    log(`已建立 ${opts.units} 个单位和 ${opts.units * 2 + 2} 个账号（${Math.round(performance.now() - t0)} ms）`);

    await sql`create temporary table province_variants (year int, k int, document jsonb, result jsonb, total numeric, grade text) on commit drop`.execute(
      trx,
    );
    // The per-indicator rows (evaluation_scores) and their sums are copied from the variants below, not by the triggers.
    await sql`select set_config('jixiao.bulk_scores', 'on', true)`.execute(trx);
    await sql`insert into province_variants
      select * from unnest(${variants.map((v) => v.year)}::int[], ${variants.map((v) => v.k)}::int[],
        ${variants.map((v) => v.document)}::jsonb[], ${variants.map((v) => v.result)}::jsonb[],
        ${variants.map((v) => v.total)}::numeric[], ${variants.map((v) => v.grade)}::text[])`.execute(trx);

    await sql`create temporary table province_variant_scores on commit drop as
      select v.year as v_year, v.k as v_k, s.* from province_variants v
      cross join lateral (${sql.raw(SCORE_ROWS_SQL('v.result', '0', '0'))}) s`.execute(trx);
    const rounds: ProvinceReport['rounds'] = [];
    for (const year of years) {
      const current = year === lastYear;
      const r = await trx
        .insertInto('rounds')
        .values({
          region_id: b,
          name: `${year}年度部门整体支出绩效自评（${region.name}）`,
          year,
          framework_version_id: fv.id,
          deadline: `${year + 1}-04-30T16:00:00Z`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // h: the unit's fixed draw for this year (0–999), from its id, the year and the seed.
      const status = current ? CURRENT_STATUS_SQL : `case when h < 700 then 'locked' else 'approved' end`;
      const ins = await sql<{ n: number }>`
        with u as (
          select o.id, o.name, ((o.id::bigint * 2654435761 + ${year * 40503 + seed}) % 1000)::int as h,
            ((o.id::bigint * 40503 + ${year + seed}) % ${VARIANTS})::int as k
          from organisations o where o.region_id = ${b} and o.kind = 'unit'
        ), added as (
          insert into evaluations (round_id, org_id, status, version, document, result, total, grade, updated_at,
            strict_total, strict_grade, claimed_total, unverifiable_count, unverifiable_points, grade_may_change)
          select ${r.id}, u.id, s.status, 1 + (u.h % 5),
            jsonb_set(v.document, '{unit}', to_jsonb(u.name)), jsonb_set(v.result, '{unit}', to_jsonb(u.name)),
            v.total, v.grade, ${`${year + 1}-03-01`}::timestamptz + (u.h || ' minutes')::interval,
            -- the summary columns of migration 0090, as resultColumns (src/db/result-columns.ts) writes them
            (v.result->>'strictTotal')::numeric, v.result->>'strictGrade',
            coalesce(v.result->>'statedTotal', v.result->>'claimedTotal')::numeric,
            (v.result->'unverifiable'->>'count')::integer, (v.result->'unverifiable'->>'points')::numeric,
            (v.result->>'gradeMayChange')::boolean
          from u
          cross join lateral (select ${sql.raw(status)} as status) s
          join province_variants v on v.year = ${year} and v.k = u.k
          where s.status is not null
          returning 1
        )
        select count(*)::int as n from added`.execute(trx);
      await sql`insert into evaluation_scores
        (evaluation_id, round_id, leaf, node_id, ord, level, name, path, weight, score, missed, incomplete)
        select e.id, e.round_id, s.leaf, s.node_id, s.ord, s.level, s.name, s.path, s.weight, s.score, s.missed, s.incomplete
        from evaluations e join province_variant_scores s
          on s.v_year = ${year} and s.v_k = ((e.org_id::bigint * 40503 + ${year + seed}) % ${VARIANTS})::int
        where e.round_id = ${r.id}`.execute(trx);
      // …and the round's running sums of them (migration 0140), as the trigger would have kept them.
      await sql`select evaluation_indicator_sums_refresh(${r.id})`.execute(trx);
      rounds.push({ id: r.id, year, evaluations: Number(ins.rows[0]?.n ?? 0) });
      log(`${year} 年度：${ins.rows[0]?.n} 份评价（${Math.round(performance.now() - t0)} ms）`);
    }
    await sql`update framework_versions set frozen_at = coalesce(frozen_at, now()) where id = ${fv.id}`.execute(trx);
    const counts = await trx
      .selectFrom('evaluations')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('round_id', '=', rounds.at(-1)!.id)
      .groupBy('status')
      .execute();
    return {
      created: true,
      regionId: b,
      units: opts.units,
      rounds,
      byStatus: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])),
    };
  });
  await sql`analyze`.execute(db);
  return { ...report, ms: Math.round(performance.now() - t0) };
}
