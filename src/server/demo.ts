/** @module The demo regions: one unit per seed evaluation (演示市), and the 江源市 city bureau; accounts for every role (jixiao seed-demo). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { InputError } from '../core/input.js';
import { parseEvaluation } from '../core/parse-evaluation.js';
import { type Role, ROLE_LABELS } from '../core/workflow.js';
import type { DB } from '../db/schema.js';
import { PACKAGE_ROOT } from '../load/paths.js';
import { type Actor, systemActor } from './access.js';
import { ApiError } from './errors.js';
import { DEFAULT_SCRYPT, hashPassword, type ScryptParams } from './passwords.js';
import { createEvaluation, transition } from './resources/evaluations/service.js';
import { createOrganisation } from './resources/organisations/service.js';
import { createRound } from './resources/rounds/service.js';
import { enrol } from './resources/rounds/units.js';
import { type CityReport, seedCity } from './demo-city/seed.js';
import { loadActor } from './resources/auth/service.js';
import { createUser } from './resources/users/service.js';
import { headline } from '../core/verification.js';

export const DEMO_REGION_CODE = 'demo';
export const DEMO_PASSWORD = 'jixiao-demo';
/** The scrypt cost of accounts with the public demo password. */
export const DEMO_SCRYPT: ScryptParams = { N: 2 ** 14, r: 8, p: 1 };
export const SEEDS_EXAMPLES_DIR = path.join(PACKAGE_ROOT, 'examples', 'seeds');

export interface DemoReport {
  created: boolean;
  regionId?: number;
  /** Every seed file found, in order. */
  files: string[];
  loaded: Array<{
    file: string;
    unit: string;
    framework: string;
    year: number;
    evaluationId: number;
    total: number | null;
    grade: string | null;
    /** `核定总分 97.80分（优）；待核实 …；严格口径 …` — the score model's headline. */
    headline: string;
  }>;
  failed: Array<{ file: string; message: string }>;
  /** The 江源市 region beside the seed units (src/server/demo-city). */
  city?: CityReport;
  accounts: Array<{ username: string; role: Role; roleLabel: string; organisation: string }>;
  password: string;
}

/**
 * The demo region: a bureau (演示市财政局) with one unit per seed evaluation in examples/seeds/*.yaml,
 * each filled in with the seed's real figures and self-scores, submitted by its filler, approved by
 * its leader and now waiting for the bureau's review. One round per (year, framework) the seeds use.
 * Skips nothing silently: every file is listed as loaded or failed, with the reason.
 */
export async function seedDemo(
  db: Kysely<DB>,
  opts: {
    password?: string;
    scrypt?: ScryptParams;
    dir?: string;
    log?: (line: string) => void;
    /** false: leave out the 江源市 region (tests that only want the seed units). */
    city?: boolean;
  } = {},
): Promise<DemoReport> {
  const password = opts.password ?? DEMO_PASSWORD;
  const dir = opts.dir ?? SEEDS_EXAMPLES_DIR;
  const log = opts.log ?? (() => {});
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  const report: DemoReport = { created: false, files, loaded: [], failed: [], accounts: [], password };
  const existing = await db
    .selectFrom('organisations')
    .select('id')
    .where('code', '=', DEMO_REGION_CODE)
    .executeTakeFirst();
  // The default demo password is printed in the README: a costly hash would protect nothing, so those
  // accounts use a lighter scrypt cost (N=2^14); a password of one's own (--password) gets the full cost.
  const prm = opts.scrypt ?? (password === DEMO_PASSWORD ? DEMO_SCRYPT : DEFAULT_SCRYPT);
  if (opts.city !== false) {
    // Each of the city's accounts gets its own salt and hash too.
    report.city = await seedCity(db, () => hashPassword(password, prm, { wait: true }));
    if (report.city.created)
      log(`已载入江源市财政局：${report.city.units} 个单位、${report.city.evaluations} 份评价（${report.city.ms} ms）`);
  }
  if (existing) {
    report.regionId = existing.id;
    return report;
  }
  const system = systemActor('演示数据');
  const bureau = await createOrganisation(db, system, { kind: 'bureau', name: '演示市财政局', code: DEMO_REGION_CODE });
  report.created = true;
  report.regionId = bureau.id;
  // Each account its own salt (and so its own hash), even with the one demo password: the hashes are
  // derived up front, side by side through the scrypt pool (3 bureau accounts, 2 per seed file).
  const hashes = await Promise.all(
    Array.from({ length: 3 + 2 * files.length }, () => hashPassword(password, prm, { wait: true })),
  );
  const addUser = async (orgId: number, orgName: string, username: string, displayName: string, role: Role) => {
    const u = await createUser(db, system, { orgId, username, displayName, role, password }, prm, hashes.pop());
    report.accounts.push({ username, role, roleLabel: ROLE_LABELS[role], organisation: orgName });
    return u;
  };
  await addUser(bureau.id, bureau.name, 'demo-admin', '演示管理员', 'bureau_admin');
  await addUser(bureau.id, bureau.name, 'demo-reviewer', '演示审核员', 'bureau_reviewer');
  await addUser(bureau.id, bureau.name, 'demo-public', '公众', 'public');

  const rounds = new Map<string, number>();
  const deadline = new Date(Date.now() + 90 * 24 * 3600 * 1000).toISOString();
  for (const file of files) {
    const stem = file.replace(/\.ya?ml$/, '');
    try {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const { evaluation } = parseEvaluation(text, file);
      let q = db
        .selectFrom('framework_versions')
        .select(['id', 'name', 'version', 'framework_id'])
        .where('framework_id', '=', evaluation.framework);
      if (evaluation.frameworkVersion !== undefined) q = q.where('version', '=', evaluation.frameworkVersion);
      const fv = await q.orderBy('version', 'desc').limit(1).executeTakeFirst();
      if (!fv) throw new Error(`数据库中没有指标框架“${evaluation.framework}”`);
      const key = `${evaluation.year}/${fv.id}`;
      let roundId = rounds.get(key);
      if (roundId === undefined) {
        const r = await createRound(db, system, {
          regionId: bureau.id,
          name: `${evaluation.year}年度部门整体支出绩效自评（${fv.name}）`,
          year: evaluation.year,
          frameworkVersionId: fv.id,
          deadline,
        });
        roundId = r.id;
        rounds.set(key, roundId);
      }
      const code = `demo-${stem.split('_')[0]}`;
      const unit = await createOrganisation(db, system, {
        kind: 'unit',
        name: evaluation.unit,
        parentId: bureau.id,
        code,
      });
      const filler = await addUser(unit.id, unit.name, `${code}-filler`, `${evaluation.unit}填报人`, 'unit_filler');
      const leader = await addUser(unit.id, unit.name, `${code}-leader`, `${evaluation.unit}负责人`, 'unit_leader');
      await enrol(db, system, { id: roundId, regionId: bureau.id }, [unit.id]);
      const fillerActor = (await loadActor(db, filler.id)) as Actor;
      const leaderActor = (await loadActor(db, leader.id)) as Actor;
      const created = await createEvaluation(db, fillerActor, roundId, { document: evaluation });
      const submitted = await transition(
        db,
        fillerActor,
        created.id,
        'submit',
        created.version,
        '演示数据：照录自评报告',
        { published: true },
      );
      const done = await transition(db, leaderActor, created.id, 'leader-approve', submitted.version, '同意报送');
      report.loaded.push({
        file,
        unit: evaluation.unit,
        framework: `${fv.framework_id}@${fv.version}`,
        year: evaluation.year,
        evaluationId: done.id,
        total: done.total,
        grade: done.grade,
        headline: done.result ? headline(done.result, done.result.framework.decimals) : '未计分',
      });
      log(`已载入 ${file}：${evaluation.unit}，${report.loaded.at(-1)!.headline}`);
    } catch (e) {
      const message = e instanceof InputError || e instanceof ApiError ? e.message : (e as Error).message;
      report.failed.push({ file, message });
      log(`未能载入 ${file}：${message}`);
    }
  }
  return report;
}
