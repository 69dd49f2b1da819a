/**
 * The server's memory and its answer to a burst of failed logins (issue 16, the last two rows): `jixiao serve
 * --seed-demo` on a fresh PGlite directory, its resident set when idle and its peak under a read load, and 20
 * concurrent logins with wrong passwords — how long until all are answered, by what status, and how far the
 * resident set's high-water mark rose. Baselines in the same run: an idle `node` with tsx loaded (what the
 * server is before any of its own code), and one failed login alone.
 * Usage: npm run bench:memory [-- --duration 10 --connections 50]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { makeTarget, startServer } from './api-setup.js';
import { type Figure, writeSection } from './results.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const DURATION = Number(arg('duration', '10'));
const CONNECTIONS = Number(arg('connections', '50'));
const BURST = 20;

/** VmRSS and VmHWM (peak) of a process, MiB (Linux /proc). */
function memOf(pid: number): { rss: number; peak: number } {
  const st = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(st)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** An idle node process with tsx loaded, as the server is started: the floor any server stands on. */
async function idleNodeRss(): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await sleep(3000);
  const m = memOf(child.pid!);
  child.kill();
  return m.rss;
}

async function login(url: string, username: string, password: string) {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username, password }),
  });
  return { status: r.status, cookie: r.headers.get('set-cookie')?.split(';')[0] ?? '', body: await r.text() };
}

const out: Figure[] = [];
const floor = await idleNodeRss();
const target = await makeTarget('pglite');
try {
  const server = await startServer(target, ['--seed-demo']);
  try {
    await sleep(5000); // the demo's seeding finishes before it listens; let the start-up garbage go
    const idle = memOf(server.pid).rss;
    out.push({
      name: 'server RSS, idle after seed-demo',
      value: idle,
      unit: 'MiB',
      baseline: { name: 'idle node with tsx', value: floor },
      ratio: idle / floor,
      target: '< 200 MiB',
      met: idle < 200,
    });

    // One failed login alone, then BURST at once (unknown accounts: the server runs the same scrypt for them).
    let t = performance.now();
    const one = await login(server.url, 'bench-nobody-0', 'wrong-password-0');
    const alone = performance.now() - t;
    // The high-water mark may already stand above (seeding): sample the resident set during the burst instead.
    const before = memOf(server.pid).rss;
    let top = before;
    const sampler = setInterval(() => (top = Math.max(top, memOf(server.pid).rss)), 10);
    t = performance.now();
    const burst = await Promise.all(
      Array.from({ length: BURST }, (_, i) => login(server.url, `bench-nobody-${i + 1}`, `wrong-password-${i}`)),
    );
    const all = performance.now() - t;
    clearInterval(sampler);
    const rise = top - before;
    const statuses: Record<string, number> = {};
    for (const b of burst) statuses[b.status] = (statuses[b.status] ?? 0) + 1;
    out.push(
      {
        name: `${BURST} concurrent failed logins, all answered`,
        value: all,
        unit: 'ms',
        baseline: { name: `one failed login alone (${one.status})`, value: alone },
        ratio: all / alone,
      },
      {
        name: `${BURST} concurrent failed logins, RSS rise (sampled every 10 ms)`,
        value: rise,
        unit: 'MiB',
        target: '< 80 MiB',
        met: rise < 80,
      },
    );

    // Peak under a read load: the demo admin reads one evaluation of the demo region.
    const admin = await login(server.url, 'demo-admin', 'jixiao-demo');
    const list = await fetch(`${server.url}/api/evaluations`, { headers: { cookie: admin.cookie } });
    const rows = (await list.json()) as Array<{ id: number }> | { items: Array<{ id: number }> };
    const id = (Array.isArray(rows) ? rows : rows.items)[0]?.id;
    if (admin.status !== 200 || id === undefined) throw new Error(`demo-admin: ${admin.status} ${admin.body}`);
    const res = await autocannon({
      url: `${server.url}/api/evaluations/${id}`,
      connections: CONNECTIONS,
      duration: DURATION,
      headers: { cookie: admin.cookie },
    });
    const peak = memOf(server.pid).peak;
    out.push({
      name: `server RSS peak, idle and ${CONNECTIONS} connections reading for ${DURATION} s (${Math.round(res.requests.average)} req/s)`,
      value: peak,
      unit: 'MiB',
      baseline: { name: 'idle node with tsx', value: floor },
      ratio: peak / floor,
      target: '< 300 MiB',
      met: peak < 300,
    });
    process.stdout.write(`failed logins by status: ${JSON.stringify(statuses)}\n`);
  } finally {
    await server.stop();
  }
  // The same data directory served again without seeding: the steady state, apart from what seeding left behind.
  const again = await startServer(target);
  try {
    await sleep(5000);
    const rss = memOf(again.pid).rss;
    out.push({
      name: 'server RSS, idle after a restart on the seeded directory',
      value: rss,
      unit: 'MiB',
      baseline: { name: 'idle node with tsx', value: floor },
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

for (const f of out)
  process.stdout.write(
    `${f.name.padEnd(72)} ${f.value.toFixed(1).padStart(9)} ${f.unit}` +
      (f.baseline ? `  = ${f.ratio!.toFixed(2)}× ${f.baseline.name} (${f.baseline.value.toFixed(1)})` : '') +
      (f.target ? `  target ${f.target}: ${f.met ? 'met' : 'not met'}` : '') +
      '\n',
  );
writeSection('memory', out, { connections: CONNECTIONS, durationS: DURATION });
