/** @module Loads the 江源市 demo region: a city bureau, 48 units, two rounds, every workflow status — in batched inserts. */
import { type Kysely, sql } from 'kysely';
import { EvaluationSchema } from '../../core/evaluation.js';
import { type Role, ROLE_LABELS, type Status, WORKFLOW, type Action } from '../../core/workflow.js';
import type { AuditChange, DB, NewAudit } from '../../db/schema.js';
import { loadFrameworkVersion } from '../../db/frameworks.js';
import { resultColumns } from '../../db/result-columns.js';
import { systemActor } from '../access.js';
import { scryptPool } from '../passwords.js';
import { createOrganisation } from '../resources/organisations/service.js';
import { validateAndScore } from '../resources/evaluations/documents.js';
import { createRound } from '../resources/rounds/service.js';
import { CITY_UNITS, cityEvaluation, completeEvaluation, type Fault, prng } from './documents.js';

export const CITY_REGION_CODE = 'jiangyuan';
export const CITY_BUREAU_NAME = '江源市财政局';
const SEED = 20240601;

export interface CityReport {
  created: boolean;
  regionId?: number;
  units: number;
  evaluations: number;
  byStatus: Partial<Record<Status | 'not_started', number>>;
  /** Units whose 2024 report has planted faults, and which. */
  faulty: Array<{ unit: string; faults: Fault[] }>;
  accounts: Array<{ username: string; role: Role; roleLabel: string; organisation: string }>;
  ms: number;
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = [
  '丽',
  '伟',
  '芳',
  '敏',
  '静',
  '磊',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '玲',
  '辉',
  '鹏',
];

/** The path of actions from a draft to a status, as the unit and the bureau would have taken them. */
const PATHS: Record<Status, Action[]> = {
  draft: [],
  submitted_leader: ['submit'],
  submitted_bureau: ['submit', 'leader-approve'],
  returned: ['submit', 'leader-approve', 'return'],
  approved: ['submit', 'leader-approve', 'approve'],
  locked: ['submit', 'leader-approve', 'approve', 'lock'],
};

const COMMENTS: Partial<Record<Action, string>> = {
  submit: '已按要求填报，请审核',
  'leader-approve': '同意报送',
  return: '预算执行率偏低的原因分析不充分，请补充偏差原因并核对结转结余数',
  approve: '审核通过',
  lock: '结果已公开，锁定',
};

/** 2024: how many of the round's units stand where (the rest have not started). */
const STATUS_PLAN_2024: Array<[Status, number]> = [
  ['draft', 8],
  ['returned', 4],
  ['submitted_leader', 6],
  ['submitted_bureau', 12],
  ['approved', 10],
  ['locked', 1],
];

/**
 * Seeds 江源市 once (by its code): 44 departments and 4 sub-units under one framework (jinzhong-2021),
 * a 2023 round (closed, nearly all approved) and a 2024 round (open; units at every status, 5 not
 * started, 2 sub-units not asked), four 2024 reports with faults the audit finds. Deterministic: a
 * fixed-seed PRNG decides every figure and status. Organisations, users, round units, evaluations,
 * comments and audit entries go in as a handful of multi-row inserts.
 */
export async function seedCity(db: Kysely<DB>, newHash: () => Promise<string>): Promise<CityReport> {
  const t0 = performance.now();
  const report: CityReport = {
    created: false,
    units: 0,
    evaluations: 0,
    byStatus: {},
    faulty: [],
    accounts: [],
    ms: 0,
  };
  const existing = await db
    .selectFrom('organisations')
    .select('id')
    .where('code', '=', CITY_REGION_CODE)
    .executeTakeFirst();
  if (existing) return { ...report, regionId: existing.id };
  const fv = await db
    .selectFrom('framework_versions')
    .select('id')
    .where('framework_id', '=', 'jinzhong-2021')
    .orderBy('version', 'desc')
    .executeTakeFirst();
  if (!fv) throw new Error('数据库中没有指标框架“jinzhong-2021”');
  const fw = (await loadFrameworkVersion(db, fv.id))!.framework;
  const system = systemActor('演示数据');
  const bureau = await createOrganisation(db, system, {
    kind: 'bureau',
    name: CITY_BUREAU_NAME,
    code: CITY_REGION_CODE,
  });
  report.created = true;
  report.regionId = bureau.id;
  const rand = prng(SEED);

  // Organisations: departments, then sub-units under them; paths set in one statement per level.
  const tops = CITY_UNITS.filter((u) => !u.parent);
  const subs = CITY_UNITS.filter((u) => u.parent);
  const ids = new Map<string, number>();
  const insertOrgs = async (list: typeof CITY_UNITS, kind: 'unit' | 'subunit') => {
    const rows = await db
      .insertInto('organisations')
      .values(
        list.map((u) => ({
          kind,
          name: u.name,
          code: u.code,
          parent_id: u.parent ? ids.get(u.parent)! : bureau.id,
          region_id: bureau.id,
          path: '',
        })),
      )
      .returning(['id', 'code'])
      .execute();
    for (const r of rows) ids.set(r.code, r.id);
    await sql`update organisations o set path = p.path || o.id || '/' from organisations p
      where p.id = o.parent_id and o.region_id = ${bureau.id} and o.kind = ${kind}`.execute(db);
  };
  await insertOrgs(tops, 'unit');
  await insertOrgs(subs, 'subunit');
  report.units = CITY_UNITS.length;

  // Users: three at the bureau, a filler and a leader per unit, all with the demo password, each with
  // its own salt and so its own hash (derived through the scrypt pool, as many at once as it runs).
  const person = () =>
    `${SURNAMES[Math.floor(rand() * SURNAMES.length)]}${GIVEN[Math.floor(rand() * GIVEN.length)]}${rand() < 0.5 ? GIVEN[Math.floor(rand() * GIVEN.length)] : ''}`;
  const userSpecs: Array<{ org: number; orgName: string; username: string; name: string; role: Role }> = [
    { org: bureau.id, orgName: bureau.name, username: 'jy-admin', name: person(), role: 'bureau_admin' },
    { org: bureau.id, orgName: bureau.name, username: 'jy-reviewer', name: person(), role: 'bureau_reviewer' },
    { org: bureau.id, orgName: bureau.name, username: 'jy-public', name: '公众', role: 'public' },
  ];
  for (const u of CITY_UNITS) {
    const org = ids.get(u.code)!;
    userSpecs.push({ org, orgName: u.name, username: `${u.code}-filler`, name: person(), role: 'unit_filler' });
    userSpecs.push({ org, orgName: u.name, username: `${u.code}-leader`, name: person(), role: 'unit_leader' });
  }
  // In batches the pool runs at once: its queue is bounded (beyond it, 429s for sign-ins meanwhile).
  const hashes: string[] = [];
  while (hashes.length < userSpecs.length) {
    const n = Math.min(scryptPool.concurrency, userSpecs.length - hashes.length);
    hashes.push(...(await Promise.all(Array.from({ length: n }, () => newHash()))));
  }
  const users = await db
    .insertInto('users')
    .values(
      userSpecs.map((s, i) => ({
        org_id: s.org,
        username: s.username,
        display_name: s.name,
        role: s.role,
        password_hash: hashes[i]!,
      })),
    )
    .returning(['id', 'username'])
    .execute();
  const userId = new Map(users.map((u) => [u.username, u.id]));
  const nameOf = new Map(userSpecs.map((s) => [s.username, s.name]));
  for (const s of userSpecs.slice(0, 3).concat(userSpecs.slice(3, 5)))
    report.accounts.push({
      username: s.username,
      role: s.role,
      roleLabel: ROLE_LABELS[s.role],
      organisation: s.orgName,
    });

  // Rounds: 2023 asked everyone and is closed; 2024 asks the departments and two of the sub-units.
  const allIds = CITY_UNITS.map((u) => ids.get(u.code)!);
  const asked2024 = CITY_UNITS.filter((u) => !['jy-tsg', 'jy-yz'].includes(u.code)).map((u) => ids.get(u.code)!);
  const r2023 = await createRound(db, system, {
    regionId: bureau.id,
    name: '2023年度部门整体支出绩效自评',
    year: 2023,
    frameworkVersionId: fv.id,
    deadline: '2024-04-30T18:00:00+08:00',
    units: { orgIds: allIds },
  });
  const r2024 = await createRound(db, system, {
    regionId: bureau.id,
    name: '2024年度部门整体支出绩效自评',
    year: 2024,
    frameworkVersionId: fv.id,
    deadline: new Date(Date.now() + 60 * 24 * 3600 * 1000).toISOString(),
    units: { orgIds: asked2024 },
  });

  // Who stands where: a fixed shuffle of the 2024 units onto the status plan; 2023 nearly all approved.
  const order = [...asked2024].sort((a, b) => a - b);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const status2024 = new Map<number, Status>();
  let k = 0;
  for (const [st, n] of STATUS_PLAN_2024) for (let c = 0; c < n; c++) status2024.set(order[k++]!, st);
  const atBureau = order.filter((o) => status2024.get(o) === 'submitted_bureau' || status2024.get(o) === 'approved');
  const faultsOf = new Map<number, Fault[]>([
    [atBureau[0]!, ['parts-exceed', 'inflated']],
    [atBureau[1]!, ['balance']],
    [atBureau[2]!, ['narrative-rate']],
    [atBureau[3]!, ['inflated']],
  ]);

  const evRows: Array<{ round: number; year: number; org: number; status: Status; faults: Fault[] }> = [];
  CITY_UNITS.forEach((u, i) => {
    const org = ids.get(u.code)!;
    evRows.push({ round: r2023.id, year: 2023, org, status: i % 11 === 5 ? 'locked' : 'approved', faults: [] });
    const st = status2024.get(org);
    if (st) evRows.push({ round: r2024.id, year: 2024, org, status: st, faults: faultsOf.get(org) ?? [] });
  });
  const codeOf = new Map(CITY_UNITS.map((u) => [ids.get(u.code)!, u]));
  const scored = evRows.map((e, i) => {
    const unit = codeOf.get(e.org)!;
    const seed = SEED + e.year * 1000 + i;
    const raw = EvaluationSchema.parse(cityEvaluation(unit, e.year, seed, e.faults));
    const doc = completeEvaluation(fw, raw, seed, e.faults.includes('inflated'));
    return { ...e, unit, ...validateAndScore(doc, { framework: fw, unitName: unit.name, year: e.year }) };
  });
  const inserted = await db
    .insertInto('evaluations')
    .values(
      scored.map((e) => ({
        round_id: e.round,
        org_id: e.org,
        status: e.status,
        version: 1 + PATHS[e.status].length + (e.status === 'draft' ? 1 : 0),
        document: JSON.stringify(e.document),
        result: JSON.stringify(e.result),
        total: e.result.total,
        grade: e.result.grade,
        ...resultColumns(e.result),
        updated_by: userId.get(`${e.unit.code}-filler`) ?? null,
      })),
    )
    .returning(['id', 'org_id', 'round_id'])
    .execute();

  // The history each would have: created by its filler, then each step by whoever takes it.
  const audit: NewAudit[] = [];
  const comments: Array<{
    evaluation_id: number;
    author_id: number | null;
    author_name: string;
    action: string;
    body: string;
  }> = [];
  inserted.forEach((row, i) => {
    const e = scored[i]!;
    const who = (role: 'filler' | 'leader' | 'reviewer' | 'admin') =>
      role === 'reviewer' || role === 'admin' ? `jy-${role}` : `${e.unit.code}-${role}`;
    const base = { region_id: bureau.id, org_id: e.org, entity: 'evaluation', entity_id: String(row.id) };
    const filler = who('filler');
    const created: AuditChange[] = [{ field: 'status', old: null, new: 'draft' }];
    audit.push({
      ...base,
      actor_id: userId.get(filler)!,
      actor_name: nameOf.get(filler)!,
      action: 'create',
      changes: JSON.stringify(created),
      detail: JSON.stringify({ version: 1, round: e.round }),
    });
    if (e.status === 'draft') {
      // A draft has been worked on: the filler corrected the 年初预算数 once.
      const initial = e.document.figures?.budget?.initial ?? 0;
      audit.push({
        ...base,
        actor_id: userId.get(filler)!,
        actor_name: nameOf.get(filler)!,
        action: 'update',
        changes: JSON.stringify([
          { field: 'document.figures.budget.initial', old: Math.round((initial + 37.69) * 100) / 100, new: initial },
        ]),
        detail: JSON.stringify({ version: 2, previousVersion: 1 }),
      });
    }
    let status: Status = 'draft';
    PATHS[e.status].forEach((action, step) => {
      const t = WORKFLOW[action];
      const actor =
        action === 'submit'
          ? filler
          : action === 'leader-approve'
            ? who('leader')
            : action === 'lock'
              ? who('admin')
              : who('reviewer');
      const body = COMMENTS[action] ?? '';
      audit.push({
        ...base,
        actor_id: userId.get(actor)!,
        actor_name: nameOf.get(actor)!,
        action: `transition:${action}`,
        changes: JSON.stringify([{ field: 'status', old: status, new: t.to }]),
        detail: JSON.stringify({ version: step + 2, previousVersion: step + 1, label: t.label, comment: body }),
      });
      comments.push({
        evaluation_id: row.id,
        author_id: userId.get(actor)!,
        author_name: nameOf.get(actor)!,
        action,
        body,
      });
      status = t.to;
    });
    report.byStatus[e.status] = (report.byStatus[e.status] ?? 0) + 1;
    if (e.faults.length) report.faulty.push({ unit: e.unit.name, faults: e.faults });
  });
  await db.insertInto('audit_log').values(audit).execute();
  if (comments.length) await db.insertInto('evaluation_comments').values(comments).execute();
  report.byStatus.not_started = asked2024.length - status2024.size;
  report.evaluations = inserted.length;
  report.ms = Math.round(performance.now() - t0);
  return report;
}
