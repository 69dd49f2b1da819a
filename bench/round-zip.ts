/**
 * The round-zip job alone (issue 18's 500-unit zip, without the rest of bench/scale.ts): seeds N units of
 * one round (the province generator) on in-memory PGlite or BENCH_DATABASE_URL, runs the job's function
 * (DOCX + XLSX) in this process and prints its time per 100 units and its ratio to rendering the same
 * documents' DOCX and XLSX alone (score, build, render; no database, no zip) measured in the same run.
 * Times are the process's CPU time (PGlite runs in it), so a busy shared machine does not skew them.
 *
 * Usage: node --import tsx bench/round-zip.ts      (500 units)
 *        JIXIAO_BENCH_UNITS=200 node --import tsx bench/round-zip.ts
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import JSZip from 'jszip';
import { EvaluationSchema } from '../src/core/evaluation.js';
import { loadFrameworkVersion } from '../src/db/frameworks.js';
import { seedProvince } from '../src/server/demo-province.js';
import { FAST_SCRYPT } from '../src/server/passwords.js';
import { loadActor } from '../src/server/resources/auth/service.js';
import { runRoundZip } from '../src/server/resources/reports/service.js';
import { prepareDatabase } from '../src/server/serve.js';
import { scoreCompiled } from '../src/core/engine/score.js';
import { buildReport } from '../src/reports/build.js';
import { renderDocx } from '../src/reports/docx.js';
import { renderXlsx } from '../src/reports/xlsx.js';
import { writeSection } from './results.js';

/** CPU time of this process (PGlite runs in it), not wall time: the machine is shared. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const UNITS = Number(process.env.JIXIAO_BENCH_UNITS ?? 500);
const url = process.env.BENCH_DATABASE_URL;

const { database } = await prepareDatabase(url ? { url } : { memory: true });
const db = database.db;
try {
  const t0 = performance.now();
  const seeded = await seedProvince(db, {
    units: UNITS,
    years: 1,
    scrypt: FAST_SCRYPT,
    region: { code: `zipbench${UNITS}`, name: '打包测速县财政局', prefix: `zb${UNITS}-` },
  });
  const round = seeded.created
    ? seeded.rounds.at(-1)!.id
    : (
        await db
          .selectFrom('rounds')
          .select('id')
          .where('region_id', '=', seeded.regionId)
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow()
      ).id;
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', `zipbench${UNITS}-admin`)
    .executeTakeFirstOrThrow();
  const actor = (await loadActor(db, admin.id))!;
  process.stdout.write(
    `\nround zip: ${UNITS} units (DOCX + XLSX) on ${url ? 'PostgreSQL' : 'PGlite'}, seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${availableParallelism()} CPUs\n`,
  );

  // Render-only baseline: the same stored documents scored, built and rendered, one after another.
  const rows = await db
    .selectFrom('evaluations as e')
    .innerJoin('rounds as r', 'r.id', 'e.round_id')
    .select(['e.document', 'r.framework_version_id'])
    .where('e.round_id', '=', round)
    .execute();
  const framework = (await loadFrameworkVersion(db, rows[0]!.framework_version_id))!.framework;
  const evaluations = rows.map((r) => EvaluationSchema.parse(r.document));
  for (const ev of evaluations.slice(0, 20)) {
    const doc = buildReport(framework, ev, scoreCompiled(framework, ev)); // warm-up (JIT)
    await renderDocx(doc);
    await renderXlsx(doc);
  }
  let t = cpuMs();
  for (const ev of evaluations) {
    const doc = buildReport(framework, ev, scoreCompiled(framework, ev));
    await renderDocx(doc);
    await renderXlsx(doc);
  }
  const renderMs = cpuMs() - t;

  let files = 0;
  t = cpuMs();
  const wall = performance.now();
  const out = await runRoundZip({
    jobId: 'bench',
    db,
    actor,
    params: { roundId: round, formats: ['docx', 'xlsx'] },
    signal: new AbortController().signal,
    reports: undefined,
    progress: (p) => {
      if (p.name && !p.error) files++;
    },
    throwIfCancelled: () => {},
  });
  const jobMs = cpuMs() - t;
  const jobWallMs = performance.now() - wall;
  const zip = await JSZip.loadAsync(out.file!);
  const entries = Object.values(zip.files).filter((f) => !f.dir).length;
  if (entries !== rows.length * 2 || files !== entries) throw new Error(`zip has ${entries} files, ${files} reported`);

  const per100 = (ms: number) => `${(((ms / rows.length) * 100) / 1000).toFixed(2)} s`;
  process.stdout.write(
    `  render only (DOCX+XLSX)   ${rows.length} units in ${(renderMs / 1000).toFixed(1)} s   ${per100(renderMs)} per 100 units\n` +
      `  round-zip job             ${rows.length} units in ${(jobMs / 1000).toFixed(1)} s   ${per100(jobMs)} per 100 units   ×${(jobMs / renderMs).toFixed(2)} render-only   ${(out.file!.length / 1e6).toFixed(1)} MB, ${entries} files; wall ${(jobWallMs / 1000).toFixed(1)} s\n\n`,
  );
  writeSection(
    'roundZip',
    [
      {
        name: `round-zip job, ${rows.length} units (DOCX+XLSX), CPU`,
        value: jobMs,
        unit: 'ms',
        baseline: { name: 'rendering the same DOCX+XLSX alone (CPU)', value: renderMs },
        ratio: jobMs / renderMs,
        target: '500 units < 60 s',
        met: (jobMs / rows.length) * 500 < 60_000,
      },
    ],
    { units: rows.length, database: url ? 'postgresql' : 'pglite' },
  );
} finally {
  await database.close();
}
