/**
 * Fault check (a script, not a timed test): kill -9 the server in the middle of a burst of saves and
 * check that no acknowledged save is lost, on the embedded PGlite and on PostgreSQL.
 *
 * N units save their own evaluations as fast as they can, each save carrying a unique marker. A save
 * is acknowledged when the server answered 200 with the new version. After a random moment the
 * server gets SIGKILL. Then the database is opened again and, for every unit:
 *   - the stored version is at least the last acknowledged one;
 *   - the stored document is exactly the one sent for the stored version (acknowledged, or in flight
 *     when the server died and committed without an answer — allowed, it was never acknowledged);
 *   - the audit log has exactly one entry per committed version.
 * Repeated for several rounds on the same data.
 *
 *   npm run bench:kill                       # both databases, 3 kills each
 *   npm run bench:kill -- --rounds 5 --units 30 --only pglite
 */
import { openDatabase } from '../src/db/database.js';
import { makeTarget, seedDocument, setupUnits, startServer, type Unit } from './api-setup.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const ROUNDS = Number(arg('rounds', '3'));
const UNITS = Number(arg('units', '20'));
const ONLY = arg('only', '');

interface Tally {
  target: string;
  rounds: number;
  acked: number;
  committedUnacked: number;
  refused: number;
  lost: number;
  problems: string[];
}

const doc = seedDocument();

async function burst(
  url: string,
  units: Unit[],
  round: number,
  sent: Map<string, string>,
  acked: Map<number, { version: number; marker: string }>,
  killAfterMs: number,
  kill: () => void,
) {
  let stop = false;
  let count = 0;
  let refused = 0;
  const worker = async (k: number) => {
    const u = units[k]!;
    for (let n = 1; !stop; n++) {
      const marker = `r${round}-u${k}-n${n}`;
      sent.set(`${u.evaluationId}@${u.version + 1}`, marker);
      try {
        const res = await fetch(`${url}/api/evaluations/${u.evaluationId}`, {
          method: 'PUT',
          headers: { cookie: u.cookie, 'x-csrf-token': u.csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ version: u.version, document: { ...doc, narrative: { 断电测试: marker } } }),
        });
        const body = (await res.json()) as { version?: number; error?: { currentVersion?: number } };
        if (res.status === 200 && body.version) {
          u.version = body.version;
          acked.set(u.evaluationId, { version: body.version, marker });
          count++;
        } else {
          refused++;
          if (body.error?.currentVersion) u.version = body.error.currentVersion;
        }
      } catch {
        return; // the server is gone
      }
    }
  };
  const timer = setTimeout(() => {
    kill();
    stop = true;
  }, killAfterMs);
  await Promise.all(units.map((_, k) => worker(k)));
  clearTimeout(timer);
  return { count, refused };
}

const tallies: Tally[] = [];
for (const name of ['pglite', 'postgres'] as const) {
  if (ONLY && ONLY !== name) continue;
  const target = await makeTarget(name);
  const tally: Tally = { target: name, rounds: 0, acked: 0, committedUnacked: 0, refused: 0, lost: 0, problems: [] };
  try {
    process.stdout.write(`[${name}] 准备 ${UNITS} 个单位……\n`);
    const units = await setupUnits(target, UNITS);
    const initial = new Map(units.map((u) => [u.evaluationId, u.version]));
    const sent = new Map<string, string>();
    const acked = new Map<number, { version: number; marker: string }>();
    for (let round = 1; round <= ROUNDS; round++) {
      const server = await startServer(target);
      const killAfter = 1000 + Math.floor(Math.random() * 1500);
      const r = await burst(server.url, units, round, sent, acked, killAfter, () => server.child.kill('SIGKILL'));
      await new Promise<void>((res) =>
        server.child.exitCode !== null || server.child.signalCode !== null
          ? res()
          : server.child.once('exit', () => res()),
      );
      tally.rounds++;
      tally.acked += r.count;
      tally.refused += r.refused;
      // Reopen the data (PGlite: the dead process's directory) and check every unit.
      const database = await openDatabase(target.dbOptions);
      try {
        const rows = await database.db.selectFrom('evaluations').select(['id', 'version', 'document']).execute();
        const audits = await database.db
          .selectFrom('audit_log')
          .select(['entity_id', 'detail'])
          .where('entity', '=', 'evaluation')
          .where('action', '=', 'update')
          .execute();
        let unacked = 0;
        for (const u of units) {
          const row = rows.find((x) => x.id === u.evaluationId)!;
          const a = acked.get(u.evaluationId);
          const stored = (row.document.narrative as Record<string, string> | undefined)?.['断电测试'];
          if (a && row.version < a.version) {
            tally.lost++;
            tally.problems.push(`评价 ${u.evaluationId}：已确认版本 ${a.version}，库中只有 ${row.version}`);
          }
          if (row.version > (initial.get(u.evaluationId) ?? 1)) {
            const expected = sent.get(`${u.evaluationId}@${row.version}`);
            if (stored !== expected) {
              tally.lost++;
              tally.problems.push(`评价 ${u.evaluationId} 版本 ${row.version}：内容“${stored}”，应为“${expected}”`);
            }
          }
          if (!a || row.version > a.version) unacked += row.version - (a?.version ?? initial.get(u.evaluationId)!);
          const versions = audits
            .filter((x) => x.entity_id === String(u.evaluationId))
            .map((x) => (x.detail as { version: number }).version)
            .sort((p, q) => p - q);
          const want = Array.from(
            { length: row.version - initial.get(u.evaluationId)! },
            (_, i) => initial.get(u.evaluationId)! + 1 + i,
          );
          if (JSON.stringify(versions) !== JSON.stringify(want))
            tally.problems.push(`评价 ${u.evaluationId}：审计版本 ${versions.join(',')}，应为 ${want.join(',')}`);
          u.version = row.version; // the next round goes on from what is stored
          if (a && row.version > a.version) acked.set(u.evaluationId, { version: row.version, marker: stored ?? '' });
        }
        tally.committedUnacked += unacked;
        process.stdout.write(
          `[${name}] 第 ${round} 轮：${killAfter} ms 后 kill -9；确认保存 ${r.count} 次，拒绝 ${r.refused} 次；提交未确认 ${unacked} 次；丢失 ${tally.lost}\n`,
        );
      } finally {
        await database.close();
      }
    }
  } finally {
    await target.cleanup();
  }
  tallies.push(tally);
}

process.stdout.write('\n');
for (const t of tallies) {
  process.stdout.write(
    `${t.target.padEnd(9)} kill -9 ×${t.rounds}: ${t.acked} acknowledged saves, ${t.committedUnacked} committed but unacknowledged (in flight), ${t.refused} refused, lost ${t.lost}${t.problems.length ? `\n  ${t.problems.join('\n  ')}` : ''}\n`,
  );
}
if (tallies.some((t) => t.lost > 0 || t.problems.length)) process.exitCode = 1;
