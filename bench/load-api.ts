/**
 * Load check (a script that prints figures, not a timed test): autocannon against `jixiao serve` on
 * loopback, 100 connections, for the read endpoint (GET /api/evaluations/:id — session lookup,
 * scoped query, document and score result) and the save endpoint (PUT /api/evaluations/:id —
 * validation, scoring by the core, optimistic lock, audit diff, all in one transaction), on the
 * embedded PGlite and on PostgreSQL. Each connection is its own unit saving its own evaluation, so
 * every save is a real, acknowledged write (a 409 would show up as non-2xx).
 *
 * Each database's runs start with GET /api/health (one trivial query, no session) as the same-run
 * baseline; every figure is also printed as a ratio to it, and written to bench-results.json (api).
 * The reads are served from stored results (no scoring); `revalidate` sends If-None-Match (304s).
 *
 *   npm run bench:api                       # both databases, 10 s per run
 *   npm run bench:api -- --duration 5 --connections 100 --only pglite --mode read,revalidate
 *
 * On PGlite the saves run twice: with the server's default (fsync on, durable) and again, same data
 * directory, with the server restarted with JIXIAO_PGLITE_FSYNC=off; the table gives the ratio
 * (`--no-fsync-off` skips the second run).
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { makeTarget, seedDocument, setupUnits, startServer, type Unit } from './api-setup.js';
import { type Figure, writeSection } from './results.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const DURATION = Number(arg('duration', '10'));
const CONNECTIONS = Number(arg('connections', '100'));
const ONLY = arg('only', '');
const MODE = arg('mode', ''); // read,revalidate,save (the health baseline always runs); default all

interface Figures {
  name: string;
  db?: string;
  mode?: Mode;
  p50: number;
  p99: number;
  rps: number;
  total: number;
  non2xx: number;
  errors: number;
  /** Answers by status code. */
  statuses?: Record<string, number>;
  /** CPU time of the server process (user + system) per answered request, ms: what the machine's load does not inflate as much as wall time. */
  cpuMsPerRequest?: number;
}

/** user + system CPU of a process so far, ms (Linux /proc; undefined elsewhere). */
function cpuMsOf(pid: number): number | undefined {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // clock ticks (USER_HZ 100)
  } catch {
    return undefined;
  }
}

/** A run with the server's CPU time per answered request measured around it. */
async function measured(pid: number, f: () => Promise<Figures>): Promise<Figures> {
  const c0 = cpuMsOf(pid);
  const r = await f();
  const c1 = cpuMsOf(pid);
  const answered = r.total;
  return c0 !== undefined && c1 !== undefined && answered > 0 ? { ...r, cpuMsPerRequest: (c1 - c0) / answered } : r;
}

type Ctx = { k?: number };

/**
 * autocannon clears a connection's context after every response, so the units live in a pool: a
 * request checks one out in setupRequest and gives it back, with its new version, in onResponse.
 * With one request in flight per connection and as many units as connections, it never runs dry.
 */
type Mode = 'health' | 'read' | 'revalidate' | 'save' | 'save-fsync-off';

function run(name: string, url: string, units: Unit[], mode: Mode, etags: string[] = []): Promise<Figures> {
  const free = units.map((_, i) => i);
  let saves = 0;
  const doc = seedDocument();
  return new Promise((resolve, reject) => {
    const inst = autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: DURATION,
        requests: [
          {
            method: mode.startsWith('save') ? 'PUT' : 'GET',
            setupRequest: (req, context) => {
              const ctx = context as Ctx;
              const k = free.pop() ?? Math.floor(Math.random() * units.length);
              ctx.k = k;
              const u = units[k]!;
              const headers: Record<string, string> = { cookie: u.cookie };
              if (mode.startsWith('save')) {
                const d = { ...doc, narrative: { 压测: `第${++saves}次保存` } };
                headers['content-type'] = 'application/json';
                headers['x-csrf-token'] = u.csrf;
                return {
                  ...req,
                  path: `/api/evaluations/${u.evaluationId}`,
                  headers,
                  body: JSON.stringify({ version: u.version, document: d }),
                };
              }
              if (mode === 'health') return { ...req, path: '/api/health', headers: {} };
              if (mode === 'revalidate') headers['if-none-match'] = etags[k]!;
              return { ...req, path: `/api/evaluations/${u.evaluationId}`, headers };
            },
            onResponse: (status, body, context) => {
              const k = (context as Ctx).k;
              if (k === undefined) return;
              if (mode.startsWith('save')) {
                const b = JSON.parse(body);
                if (status === 200) units[k]!.version = b.version;
                else if (status === 409 && b.error?.currentVersion) units[k]!.version = b.error.currentVersion;
              }
              if (!free.includes(k)) free.push(k);
            },
          },
        ],
      },
      (err, r) => {
        if (err) return reject(err);
        resolve({
          name,
          p50: r.latency.p50,
          p99: r.latency.p99,
          rps: r.requests.average,
          total: r.requests.total,
          // A 304 is the revalidation's success.
          non2xx: mode === 'revalidate' ? r.non2xx - (r['3xx'] ?? 0) : r.non2xx,
          errors: r.errors,
          statuses: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v?.count ?? 0])),
        });
      },
    );
    autocannon.track(inst, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

const results: Figures[] = [];
const wanted = (mode: Mode) => !MODE || mode === 'health' || MODE.split(',').some((m) => mode.startsWith(m));
for (const name of ['pglite', 'postgres'] as const) {
  if (ONLY && ONLY !== name) continue;
  const target = await makeTarget(name);
  try {
    process.stdout.write(`[${name}] 准备 ${CONNECTIONS} 个单位……\n`);
    const units = await setupUnits(target, CONNECTIONS);
    const server = await startServer(target);
    try {
      const runs: Array<[Mode, string]> = [
        ['health', 'GET /api/health (baseline)'],
        ['read', 'read  GET /api/evaluations/:id'],
        ['revalidate', 'read  with If-None-Match (304)'],
        ['save', 'save  PUT /api/evaluations/:id'],
      ];
      const etags = await Promise.all(
        units.map(async (u) => {
          const r = await fetch(`${server.url}/api/evaluations/${u.evaluationId}`, { headers: { cookie: u.cookie } });
          await r.arrayBuffer();
          return r.headers.get('etag') ?? '';
        }),
      );
      for (const [mode, label] of runs) {
        if (!wanted(mode)) continue;
        process.stdout.write(`[${name}] ${label}，${DURATION} 秒……\n`);
        results.push({
          ...(await measured(server.pid, () => run(`${name} ${label}`, server.url, units, mode, etags))),
          db: name,
          mode,
        });
      }
    } finally {
      await server.stop();
    }
    // The price of durable writes on the embedded database (issue 15.7): the same saves, same data
    // directory, with the server restarted with fsync off (JIXIAO_PGLITE_FSYNC=off).
    if (name === 'pglite' && wanted('save') && !process.argv.includes('--no-fsync-off')) {
      const off = await startServer({ ...target, env: { ...target.env, JIXIAO_PGLITE_FSYNC: 'off' } });
      try {
        const label = 'save  PUT, fsync off';
        process.stdout.write(`[${name}] ${label}，${DURATION} 秒……\n`);
        results.push({
          ...(await measured(off.pid, () => run(`${name} ${label}`, off.url, units, 'save-fsync-off'))),
          db: name,
          mode: 'save-fsync-off',
        });
      } finally {
        await off.stop();
      }
    }
  } finally {
    await target.cleanup();
  }
}

process.stdout.write(
  `\n${cpus().length} CPU (${cpus()[0]?.model ?? ''}), Node ${process.version}, ${CONNECTIONS} connections, ${DURATION} s each; server and autocannon share the machine\n`,
);
process.stdout.write(
  `${'run'.padEnd(42)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'req/s'.padStart(8)} ${'total'.padStart(8)} ${'non-2xx'.padStart(8)} ${'errors'.padStart(7)} ${'CPU ms/req'.padStart(10)}\n`,
);
for (const r of results) {
  const base = results.find((b) => b.db === r.db && b.mode === 'health');
  const on = r.mode === 'save-fsync-off' ? results.find((b) => b.db === r.db && b.mode === 'save') : undefined;
  const ratio =
    (base && r !== base ? `  ${(r.rps / base.rps).toFixed(2)}× baseline req/s` : '') +
    (on ? `; fsync on is ${(on.rps / r.rps).toFixed(2)}× these req/s` : '');
  process.stdout.write(
    `${r.name.padEnd(42)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)} ${r.rps.toFixed(0).padStart(8)} ${String(r.total).padStart(8)} ${String(r.non2xx).padStart(8)} ${String(r.errors).padStart(7)} ${(r.cpuMsPerRequest?.toFixed(2) ?? '—').padStart(10)}${ratio}\n`,
  );
  const odd = Object.entries(r.statuses ?? {}).filter(([k]) => !/^[23]/.test(k));
  if (odd.length) process.stdout.write(`${''.padEnd(42)} answers: ${odd.map(([k, v]) => `${k}×${v}`).join(', ')}\n`);
}

const TARGETS: Partial<Record<string, { rps: number; p99: number }>> = {
  'pglite read': { rps: 1500, p99: 50 },
  'postgres read': { rps: 2500, p99: 50 },
  'pglite save': { rps: 300, p99: 250 },
  'postgres save': { rps: 600, p99: 250 },
};
const figures: Figure[] = results.flatMap((r) => {
  const base = results.find((b) => b.db === r.db && b.mode === 'health');
  const t = TARGETS[`${r.db} ${r.mode}`];
  const out: Figure[] = [
    {
      name: `${r.name} req/s`,
      value: r.rps,
      unit: 'req/s',
      ...(base &&
        r !== base && { baseline: { name: 'GET /api/health, same server', value: base.rps }, ratio: r.rps / base.rps }),
      ...(t && { target: `≥ ${t.rps} req/s`, met: r.rps >= t.rps }),
    },
    { name: `${r.name} p99`, value: r.p99, unit: 'ms', ...(t && { target: `< ${t.p99} ms`, met: r.p99 < t.p99 }) },
  ];
  if (r.cpuMsPerRequest !== undefined) {
    const bc = base && r !== base ? base.cpuMsPerRequest : undefined;
    out.push({
      name: `${r.name} server CPU per request`,
      value: r.cpuMsPerRequest,
      unit: 'ms',
      ...(bc !== undefined && {
        baseline: { name: 'GET /api/health, same server', value: bc },
        ratio: r.cpuMsPerRequest / bc,
      }),
    });
  }
  const on = r.mode === 'save-fsync-off' ? results.find((b) => b.db === r.db && b.mode === 'save') : undefined;
  if (on)
    out.push({
      name: 'pglite saves with fsync on, as a share of fsync off',
      value: on.rps,
      unit: 'req/s',
      baseline: { name: 'the same saves with JIXIAO_PGLITE_FSYNC=off, same run', value: r.rps },
      ratio: on.rps / r.rps,
    });
  return out;
});
writeSection('api', figures, { connections: CONNECTIONS, durationS: DURATION, results });
