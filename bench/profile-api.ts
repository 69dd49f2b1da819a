/**
 * Where one API request's time goes (a script that prints figures, not a test): on one database, one
 * unit, requests' steps run one after another in this process — a bare query, the session lookup, the
 * read's queries, validation and scoring, an empty transaction, an audit append, a whole save — each
 * as milliseconds of wall time per call, so the HTTP figures of bench:api can be read against them.
 *
 *   node --import tsx bench/profile-api.ts [--db pglite|postgres] [--n 300] [--fsync off]
 */
import { sql } from 'kysely';
import { appendAudit } from '../src/db/audit.js';
import { openDatabase } from '../src/db/database.js';
import { loadFrameworkVersion } from '../src/db/frameworks.js';
import { resolveSession } from '../src/server/resources/auth/service.js';
import { validateAndScore } from '../src/server/resources/evaluations/documents.js';
import { readEvaluation, saveEvaluation } from '../src/server/resources/evaluations/service.js';
import { makeTarget, seedDocument, setupUnits } from './api-setup.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const DB = arg('db', 'pglite') as 'pglite' | 'postgres';
const N = Number(arg('n', '300'));

const target = await makeTarget(DB);
try {
  const [unit] = await setupUnits(target, 1);
  const database = await openDatabase({
    ...target.dbOptions,
    ...(arg('fsync', 'on') === 'off' ? { durable: false } : {}),
  });
  const db = database.db;
  try {
    const token = unit!.cookie.split('=')[1]!;
    const s = (await resolveSession(db, token))!;
    const ev = await db
      .selectFrom('evaluations as e')
      .innerJoin('rounds as r', 'r.id', 'e.round_id')
      .innerJoin('organisations as o', 'o.id', 'e.org_id')
      .select(['e.version', 'r.framework_version_id', 'r.year', 'o.name'])
      .where('e.id', '=', unit!.evaluationId)
      .executeTakeFirstOrThrow();
    const fw = (await loadFrameworkVersion(db, ev.framework_version_id))!.framework;
    const doc = seedDocument();
    let version = ev.version;
    let k = 0;
    const steps: Array<[string, () => Promise<unknown> | unknown]> = [
      ['select 1', () => sql`select 1`.execute(db)],
      ['session lookup (resolveSession)', () => resolveSession(db, token)],
      ['read (readEvaluation, cached content)', () => readEvaluation(db, s.actor, unit!.evaluationId)],
      [
        'validate + score (reference engine)',
        () =>
          validateAndScore({ ...doc, narrative: { k: `${++k}` } }, { framework: fw, unitName: ev.name, year: ev.year }),
      ],
      ['empty transaction (begin; commit)', () => db.transaction().execute(async () => {})],
      [
        'transaction with one audit append',
        () =>
          db.transaction().execute((trx) =>
            appendAudit(trx, {
              actorId: s.actor.userId,
              actorName: s.actor.name,
              regionId: s.actor.regionId,
              orgId: s.actor.orgId,
              entity: 'evaluation',
              entityId: unit!.evaluationId,
              action: 'profile',
            }),
          ),
      ],
      [
        'whole save (saveEvaluation)',
        async () => {
          const r = await saveEvaluation(db, s.actor, unit!.evaluationId, version, {
            ...doc,
            narrative: { 压测: `第${++k}次` },
          });
          version = r.version;
        },
      ],
    ];
    process.stdout.write(`${DB}${arg('fsync', 'on') === 'off' ? ' (fsync off)' : ''}, ${N} calls each\n`);
    for (const [name, f] of steps) {
      for (let i = 0; i < 20; i++) await f(); // warm
      const t0 = process.hrtime.bigint();
      const c0 = process.cpuUsage();
      for (let i = 0; i < N; i++) await f();
      const wall = Number(process.hrtime.bigint() - t0) / 1e6 / N;
      const c = process.cpuUsage(c0);
      const cpu = (c.user + c.system) / 1000 / N;
      process.stdout.write(
        `${name.padEnd(42)} ${wall.toFixed(3).padStart(8)} ms wall ${cpu.toFixed(3).padStart(8)} ms CPU (this process)\n`,
      );
    }
  } finally {
    await database.close();
  }
} finally {
  await target.cleanup();
}
