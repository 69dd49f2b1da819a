/**
 * Scale-out proof (issue 18, `npm run bench:scale`; prints figures, not a timed test): PostgreSQL with
 * the province (20,000 units × 3 years) plus a 2,000-unit and a 500-unit region, two `jixiao serve
 * --no-worker` instances (ports 9150, 9151) and one `jixiao worker`, driven on loopback by autocannon,
 * bounded in time: reads, saves, the 2,000-unit dashboard, the 20,000-unit progress; a 500-unit zip
 * started on A, followed on B; the worker killed (SIGKILL) mid-job and restarted; the zip downloaded
 * from B and opened. Prints throughput, p50/p99, the job's time and the database's share of CPU.
 *
 * Before the servers start, the dashboard is timed in process (bench/dashboard-inprocess.ts).
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/jx_scale, created when missing),
 * BENCH_SECONDS per load phase (default 8), BENCH_ONLY=dashboard (stop after the in-process phase).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import JSZip from 'jszip';
import pg from 'pg';

const URL_ = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jx_scale';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
/** `dashboard`: only the seeding and the in-process dashboard phase. */
const ONLY = process.env.BENCH_ONLY;
const PORTS = [9150, 9151];
const CLI = ['--import', 'tsx', 'src/cli/main.ts'];
const PASSWORD = 'jixiao-demo';

function ensureDatabase(): void {
  const u = new URL(URL_);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const out = execFileSync('psql', [u.toString(), '-Atc', `select 1 from pg_database where datname = '${name}'`]);
  if (!String(out).trim()) execFileSync('psql', [u.toString(), '-c', `create database ${name}`]);
}

function run(args: string[]): string {
  return execFileSync(process.execPath, [...CLI, ...args, '--database-url', URL_], { encoding: 'utf8' });
}

function start(args: string[], name: string): ChildProcess {
  const p = spawn(process.execPath, [...CLI, ...args, '--database-url', URL_], {
    env: { ...process.env, JIXIAO_DB_POOL: '10', JIXIAO_DRAIN_MS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  p.stderr!.on('data', (d) => process.stderr.write(`[${name}] ${d}`));
  p.stdout!.on('data', (d) => {
    if (/失败|出错|停止/.test(String(d))) process.stdout.write(`[${name}] ${d}`);
  });
  return p;
}

async function ready(port: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`port ${port} never became ready`);
}

async function login(port: number, username: string): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const cookie = r.headers.getSetCookie()[0]!.split(';')[0]!;
  return { cookie, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
}

/** postgres' CPU seconds (all backends) from /proc, for the database's share. */
function postgresCpu(): number {
  const tick = 100;
  let sum = 0;
  for (const pid of execFileSync('pgrep', ['-f', 'postgres'], { encoding: 'utf8' }).trim().split('\n')) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      sum += (Number(f[11]) + Number(f[12])) / tick;
    } catch {
      // gone
    }
  }
  return sum;
}

interface Row {
  what: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  dbShare: number;
}

async function load(
  what: string,
  requests: Array<{ method?: string; path: string; headers: Record<string, string>; body?: string }>,
  connections = 20,
): Promise<Row> {
  const cpu0 = postgresCpu();
  const t0 = Date.now();
  const res = await autocannon({
    url: `http://127.0.0.1:${PORTS[0]}`,
    connections,
    duration: SECONDS,
    // Both instances: half the connections each (autocannon takes one url; the second is in the paths).
    requests: requests.map((r) => ({
      method: (r.method ?? 'GET') as 'GET',
      path: r.path,
      headers: r.headers,
      ...(r.body ? { body: r.body } : {}),
    })),
  });
  const wall = (Date.now() - t0) / 1000;
  const dbShare = (postgresCpu() - cpu0) / (wall * cpus().length);
  return {
    what,
    rps: Math.round(res.requests.average),
    p50: res.latency.p50,
    p99: res.latency.p99,
    errors: res.errors + res.timeouts + res.non2xx,
    dbShare,
  };
}

async function main(): Promise<void> {
  ensureDatabase();
  const t0 = Date.now();
  run(['db', 'migrate']);
  for (const [units, years, code, name, prefix] of [
    [20000, 3, 'province', '演示省财政厅', 'p-'],
    [2000, 1, 'city2k', '二千单位市财政局', 'c2k-'],
    [500, 1, 'county500', '五百单位县财政局', 'k5-'],
  ] as const) {
    const { seedProvince } = await import('../src/server/demo-province.js');
    const { openDatabase } = await import('../src/db/database.js');
    const d = await openDatabase({ url: URL_ });
    try {
      const t = Date.now();
      const r = await seedProvince(d.db, {
        units,
        years,
        ...(code === 'province' ? {} : { region: { code, name, prefix } }),
      });
      console.log(
        r.created
          ? `seeded ${name}: ${units} units × ${years} years in ${((Date.now() - t) / 1000).toFixed(1)} s`
          : `${name} already there`,
      );
    } finally {
      await d.close();
    }
  }
  {
    // The dashboard in process first, on an otherwise quiet database (bench/dashboard-inprocess.ts).
    const { openDatabase } = await import('../src/db/database.js');
    const { dashboardInProcess } = await import('./dashboard-inprocess.js');
    const d = await openDatabase({ url: URL_ });
    try {
      const latest = async (code: string) =>
        (
          await d.db
            .selectFrom('rounds as r')
            .innerJoin('organisations as o', 'o.id', 'r.region_id')
            .select('r.id')
            .where('o.code', '=', code)
            .orderBy('r.year', 'desc')
            .executeTakeFirstOrThrow()
        ).id;
      console.log(`\nin process, one call at a time (load average ${loadavg()[0]!.toFixed(1)}):\n`);
      await dashboardInProcess(d, { r20k: await latest('province'), r2k: await latest('city2k') });
    } finally {
      await d.close();
    }
    if (ONLY === 'dashboard') process.exit(0);
  }
  const procs: ChildProcess[] = [];
  const stopAll = () => procs.forEach((p) => p.kill('SIGKILL'));
  process.on('exit', stopAll);
  for (const port of PORTS) procs.push(start(['serve', '--no-worker', '--port', String(port)], `serve:${port}`));
  let worker = start(['worker'], 'worker');
  procs.push(worker);
  await Promise.all(PORTS.map(ready));
  console.log(
    `two serve instances (:${PORTS.join(', :')}) and a worker up after ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
  );

  const pgc = new pg.Client({ connectionString: URL_ });
  await pgc.connect();
  const q = async (text: string, v: unknown[] = []) => (await pgc.query(text, v)).rows;
  const round = async (code: string) =>
    (
      await q(
        `select r.id from rounds r join organisations o on o.id = r.region_id where o.code = $1 order by r.year desc limit 1`,
        [code],
      )
    )[0].id as number;
  const [r20k, r2k, r500] = [await round('province'), await round('city2k'), await round('county500')];

  const admin2k = await login(PORTS[0]!, 'city2k-admin');
  const admin20k = await login(PORTS[0]!, 'province-admin');
  const rows: Row[] = [];
  rows.push(
    await load(
      'dashboard, 2,000-unit round',
      [{ path: `/api/web/rounds/${r2k}/dashboard?scope=all`, headers: { cookie: admin2k.cookie } }],
      4,
    ),
  );
  rows.push(
    await load(
      'progress, 20,000-unit round',
      [{ path: `/api/web/rounds/${r20k}/progress`, headers: { cookie: admin20k.cookie } }],
      4,
    ),
  );

  // Reads and saves by fillers of draft evaluations, logged in on both instances.
  const drafts = await q(
    `select e.id, e.version, e.document, o.code from evaluations e join organisations o on o.id = e.org_id where e.round_id = $1 and e.status = 'draft' order by e.id limit 20`,
    [r20k],
  );
  const reads: Array<{ path: string; headers: Record<string, string> }> = [];
  for (const [i, d] of drafts.entries()) {
    const s = await login(PORTS[i % 2]!, `${d.code}-filler`);
    reads.push({ path: `/api/evaluations/${d.id}`, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
  }
  rows.push(await load('GET /api/evaluations/:id (20 fillers)', reads, 50));

  // The zip: started on A, followed on B, the worker killed mid-job and restarted.
  const zipAdmin = await login(PORTS[0]!, 'county500-admin');
  const onB = await login(PORTS[1]!, 'county500-admin');
  const tj = Date.now();
  const started = await fetch(`http://127.0.0.1:${PORTS[0]}/api/rounds/${r500}/report-jobs`, {
    method: 'POST',
    headers: { cookie: zipAdmin.cookie, 'x-csrf-token': zipAdmin.csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ formats: ['docx', 'xlsx'] }),
  });
  const job = (await started.json()) as { id: string; total: number };
  console.log(`zip job ${job.id} started on :${PORTS[0]} (${job.total} files)`);
  const poll = async () =>
    (await (
      await fetch(`http://127.0.0.1:${PORTS[1]}/api/jobs/${job.id}`, { headers: { cookie: onB.cookie } })
    ).json()) as {
      state: string;
      done: number;
      total: number;
      attempts: number;
    };
  let killedAt = 0;
  for (;;) {
    const j = await poll();
    if (!killedAt && j.state === 'running' && j.done >= 1) {
      worker.kill('SIGKILL');
      killedAt = Date.now();
      console.log(`worker killed (SIGKILL) at ${j.done}/${j.total} (seen on :${PORTS[1]}); restarting it`);
      worker = start(['worker'], 'worker2');
      procs.push(worker);
    }
    if (['done', 'failed', 'cancelled'].includes(j.state)) {
      console.log(`job ${j.state} after ${((Date.now() - tj) / 1000).toFixed(1)} s, attempts ${j.attempts}`);
      break;
    }
    if (Date.now() - tj > 600_000) throw new Error('zip job did not finish in 10 minutes');
    await new Promise((r) => setTimeout(r, 1000));
  }
  const jobSeconds = (Date.now() - tj) / 1000;
  const z = await fetch(`http://127.0.0.1:${PORTS[1]}/api/jobs/${job.id}/download`, {
    headers: { cookie: onB.cookie },
  });
  const zip = await JSZip.loadAsync(new Uint8Array(await z.arrayBuffer()));
  const files = Object.values(zip.files).filter((f) => !f.dir);
  const docx = files.filter((f) => f.name.endsWith('.docx')).length;
  const xlsx = files.filter((f) => f.name.endsWith('.xlsx')).length;
  const errors = files.filter((f) => f.name.endsWith('.错误.txt')).length;
  console.log(`downloaded from :${PORTS[1]}: ${files.length} files (${docx} DOCX, ${xlsx} XLSX, ${errors} errors)\n`);

  console.log(
    `${cpus().length} CPU (${cpus()[0]?.model ?? ''}), Node ${process.version}, ${SECONDS} s per phase; servers, worker, PostgreSQL and autocannon share the machine\n`,
  );
  console.log('| what | req/s | p50 ms | p99 ms | errors | PostgreSQL CPU share |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows)
    console.log(`| ${r.what} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${(r.dbShare * 100).toFixed(0)}% |`);
  console.log(`| 500-unit zip (DOCX+XLSX), worker killed once | job ${jobSeconds.toFixed(1)} s | | | | |`);
  console.log(`\ntargets: dashboard 2,000 units < 200 ms; progress 20,000 units < 300 ms; 500-unit zip < 60 s`);
  await pgc.end();
  stopAll();
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
