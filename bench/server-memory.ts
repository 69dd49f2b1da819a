/**
 * The server's memory and its answer to a burst of failed logins (issue 16, the last two rows), on PGlite and on
 * PostgreSQL: the built `jixiao serve --seed-demo` (what `npm start` runs; `npm run build` first), its resident set
 * when idle, its peak while 50 connections read one evaluation (sampled during the load, not the process's
 * high-water mark, which seeding sets), and 20 concurrent logins with wrong passwords. A probe loaded into the
 * server (bench/memory-probe.mjs) says where the memory is: V8's heap, WebAssembly memories, the rest.
 * Baselines in the same run: an idle `node`, and one failed login alone.
 * Usage: npm run bench:memory [-- --duration 10 --connections 50 --db pglite|postgres|both]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { PACKAGE_ROOT } from '../src/load/paths.js';
import { makeTarget, type Server, startServer } from './api-setup.js';
import { type Figure, writeSection } from './results.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const DURATION = Number(arg('duration', '10'));
const CONNECTIONS = Number(arg('connections', '50'));
const DBS = (arg('db', 'both') === 'both' ? ['pglite', 'postgres'] : [arg('db', 'both')]) as Array<
  'pglite' | 'postgres'
>;
const BURST = 20;

if (!existsSync(path.join(PACKAGE_ROOT, 'dist', 'bin', 'main.js'))) {
  process.stderr.write('bench:memory 测量的是构建后的服务（npm start 运行的那一个）：请先运行 npm run build\n');
  process.exit(2);
}

/** VmRSS and VmHWM (peak) of a process, MiB (Linux /proc). */
function memOf(pid: number): { rss: number; peak: number } {
  const st = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(st)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** An idle node process: the floor any server stands on. */
async function idleNodeRss(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await sleep(2000);
  const m = memOf(child.pid!);
  child.kill();
  return m.rss;
}

interface Probe {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  wasm: number;
}
/** The probe's reading of the server now: before and after a full collection. */
async function probe(server: Server, file: string): Promise<{ before: Probe; after: Probe }> {
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
  process.kill(server.pid, 'SIGUSR2');
  for (let i = 0; i < 100; i++) {
    await sleep(50);
    const all = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
    if (all.length > lines) return JSON.parse(all.at(-1)!) as { before: Probe; after: Probe };
  }
  throw new Error('memory probe did not answer');
}
const where = (p: Probe) =>
  `V8 heap ${p.heapTotal.toFixed(0)} (used ${p.heapUsed.toFixed(0)}), WebAssembly ${p.wasm.toFixed(0)}, ` +
  `other external ${(p.external - p.wasm).toFixed(0)}, rest ${(p.rss - p.heapTotal - p.external).toFixed(0)} MiB`;

async function login(url: string, username: string, password: string) {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username, password }),
  });
  return { status: r.status, cookie: r.headers.get('set-cookie')?.split(';')[0] ?? '', body: await r.text() };
}

const out: Figure[] = [];
const notes: string[] = [];
const floor = await idleNodeRss();
const probeDir = mkdtempSync(path.join(tmpdir(), 'jixiao-memory-'));
const saved = process.env.JIXIAO_BENCH_NODE_ARGS;
process.env.JIXIAO_BENCH_NODE_ARGS = `--expose-gc --import ${path.join(PACKAGE_ROOT, 'bench', 'memory-probe.mjs')}`;
const node = { name: 'idle node', value: floor };
try {
  for (const db of DBS) {
    const file = path.join(probeDir, `${db}.jsonl`);
    process.env.JIXIAO_MEMORY_PROBE = file;
    const target = await makeTarget(db);
    try {
      const server = await startServer(target, ['--seed-demo'], { built: true });
      try {
        await sleep(5000); // the demo's seeding finishes before it listens; let the start-up garbage go
        const idle = memOf(server.pid).rss;
        const p0 = await probe(server, file);
        notes.push(
          `${db} idle after seed-demo: ${where(p0.before)}; after a full collection ${p0.after.rss.toFixed(0)} MiB`,
        );
        out.push({
          name: `${db}: server RSS, idle after seed-demo`,
          value: idle,
          unit: 'MiB',
          baseline: node,
          ratio: idle / floor,
          target: '< 200 MiB',
          met: idle < 200,
        });

        // One failed login alone, then BURST at once (unknown accounts: the server runs the same scrypt for them).
        let t = performance.now();
        const one = await login(server.url, 'bench-nobody-0', 'wrong-password-0');
        const alone = performance.now() - t;
        const before = memOf(server.pid).rss;
        let top = before;
        const sampler = setInterval(() => (top = Math.max(top, memOf(server.pid).rss)), 10);
        t = performance.now();
        const burst = await Promise.all(
          Array.from({ length: BURST }, (_, i) => login(server.url, `bench-nobody-${i + 1}`, `wrong-password-${i}`)),
        );
        const all = performance.now() - t;
        clearInterval(sampler);
        const statuses: Record<string, number> = {};
        for (const b of burst) statuses[b.status] = (statuses[b.status] ?? 0) + 1;
        notes.push(`${db} failed logins by status: ${JSON.stringify(statuses)}`);
        out.push(
          {
            name: `${db}: ${BURST} concurrent failed logins, all answered`,
            value: all,
            unit: 'ms',
            baseline: { name: `one failed login alone (${one.status})`, value: alone },
            ratio: all / alone,
          },
          {
            name: `${db}: ${BURST} concurrent failed logins, RSS rise (sampled every 10 ms)`,
            value: top - before,
            unit: 'MiB',
            target: '< 80 MiB',
            met: top - before < 80,
          },
        );

        // Under a read load: the demo admin reads one evaluation of the demo region; RSS sampled every 20 ms.
        const admin = await login(server.url, 'demo-admin', 'jixiao-demo');
        const list = await fetch(`${server.url}/api/evaluations`, { headers: { cookie: admin.cookie } });
        const rows = (await list.json()) as Array<{ id: number }> | { items: Array<{ id: number }> };
        const id = (Array.isArray(rows) ? rows : rows.items)[0]?.id;
        if (admin.status !== 200 || id === undefined) throw new Error(`demo-admin: ${admin.status} ${admin.body}`);
        let peak = memOf(server.pid).rss;
        const watch = setInterval(() => (peak = Math.max(peak, memOf(server.pid).rss)), 20);
        const res = await autocannon({
          url: `${server.url}/api/evaluations/${id}`,
          connections: CONNECTIONS,
          duration: DURATION,
          headers: { cookie: admin.cookie },
        });
        clearInterval(watch);
        const p1 = await probe(server, file);
        notes.push(
          `${db} right after the read load: ${where(p1.before)}; after a full collection ${p1.after.rss.toFixed(0)} MiB`,
        );
        out.push(
          {
            name: `${db}: server RSS peak, ${CONNECTIONS} connections reading for ${DURATION} s (${Math.round(res.requests.average)} req/s, ${res.non2xx} not 2xx)`,
            value: peak,
            unit: 'MiB',
            baseline: node,
            ratio: peak / floor,
            target: '< 300 MiB',
            met: peak < 300,
          },
          {
            name: `${db}: the process's high-water mark (VmHWM, seeding included)`,
            value: memOf(server.pid).peak,
            unit: 'MiB',
          },
        );
      } finally {
        await server.stop();
      }
      // The same database served again without seeding: the steady state.
      const again = await startServer(target, [], { built: true });
      try {
        await sleep(5000);
        const rss = memOf(again.pid).rss;
        const p2 = await probe(again, file);
        notes.push(`${db} restarted, idle: ${where(p2.before)}`);
        out.push({
          name: `${db}: server RSS, idle after a restart on the seeded database`,
          value: rss,
          unit: 'MiB',
          baseline: node,
          ratio: rss / floor,
          target: '< 200 MiB',
          met: rss < 200,
        });
      } finally {
        await again.stop();
      }
    } finally {
      await target.cleanup();
    }
  }
} finally {
  if (saved === undefined) delete process.env.JIXIAO_BENCH_NODE_ARGS;
  else process.env.JIXIAO_BENCH_NODE_ARGS = saved;
  rmSync(probeDir, { recursive: true, force: true });
}

for (const f of out)
  process.stdout.write(
    `${f.name.padEnd(100)} ${f.value.toFixed(1).padStart(9)} ${f.unit}` +
      (f.baseline ? `  = ${f.ratio!.toFixed(2)}× ${f.baseline.name} (${f.baseline.value.toFixed(1)})` : '') +
      (f.target ? `  target ${f.target}: ${f.met ? 'met' : 'not met'}` : '') +
      '\n',
  );
for (const n of notes) process.stdout.write(`${n}\n`);
writeSection('memory', out, { connections: CONNECTIONS, durationS: DURATION, notes });
