// PostgreSQL going away under traffic: backends terminated, connections refused — 503s, no crash, no lost save, back within 5 s.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { createSchema, dropSchema, openDatabase } from '../../src/db/database.js';
import { type Backend, type Client, makeWorld, PG_URL, seedDocument, type World } from './support.js';

/**
 * Stopping the whole PostgreSQL cluster would disturb every other test run on this machine, so the
 * database "goes away" in two ways that touch only this test's connections: pg_terminate_backend on
 * the backends whose application_name is this test's, and a TCP proxy between the app and
 * PostgreSQL that the test closes (connections cut, new ones refused) and opens again.
 */

const APP_NAME = `jixiao-faults-${process.pid}`;

/** A TCP proxy to PostgreSQL that can be cut and restored on the same port. */
class Proxy {
  private server: net.Server | undefined;
  private sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      for (const [s, other] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.sockets.add(s);
        // One side gone (closed or reset): the other goes too, as a direct connection would.
        s.on('close', () => {
          this.sockets.delete(s);
          other.destroy();
        });
        s.on('error', () => other.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as net.AddressInfo).port;
  }

  /** Cuts every connection and refuses new ones. */
  async cut(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    for (const sock of this.sockets) sock.destroy();
    await new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve()));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('database faults (PostgreSQL)', { skip: process.env.JIXIAO_TEST_SKIP_PG === '1' }, () => {
  const target = new URL(PG_URL);
  const proxy = new Proxy({ host: target.hostname, port: Number(target.port || 5432) });
  const schema = `jx_t_${process.pid}_faults`;
  let w: World;
  let admin: pg.Client;
  let filler: Client;

  before(async () => {
    await proxy.open();
    const viaProxy = new URL(PG_URL);
    viaProxy.port = String(proxy.port);
    await createSchema(PG_URL, schema);
    const backend: Backend = {
      name: 'postgres',
      open: async () => {
        const db = await openDatabase({ url: viaProxy.toString(), schema, poolSize: 6, applicationName: APP_NAME });
        return {
          ...db,
          close: async () => {
            await db.close();
            await dropSchema(PG_URL, schema);
          },
        };
      },
    };
    w = await makeWorld(backend);
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    filler = await w.as('u1-filler');
  });
  after(async () => {
    await admin?.end();
    await w?.close();
    await proxy.cut();
  });

  const terminate = async () =>
    (
      await admin.query(
        'select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = $1',
        [APP_NAME],
      )
    ).rows[0].n as number;

  function check503(r: { status: number; body: any; headers: Headers }, what: string): void {
    assert.equal(r.status, 503, `${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    assert.match(r.body.error.message, /数据库暂时无法连接/);
    assert.ok(Number(r.headers.get('retry-after')) > 0, 'Retry-After');
  }

  /** Until a read succeeds: the milliseconds it took. */
  async function recovery(): Promise<number> {
    const t0 = performance.now();
    for (;;) {
      const r = await filler.get(`/api/evaluations/${w.ev.U1}`);
      if (r.status === 200) return performance.now() - t0;
      check503(r, 'while recovering');
      assert.ok(performance.now() - t0 < 10_000, 'not back within 10 s');
      await sleep(50);
    }
  }

  test('backends terminated under a loop of saves and reads: 503s, no lost acknowledged save, back within 5 s', async () => {
    const doc = seedDocument();
    let version = (await filler.get(`/api/evaluations/${w.ev.U1}`)).body.version as number;
    let acked = { n: 0, version };
    let stop = false;
    const counts = { ok: 0, unavailable: 0, conflict: 0, killed: 0 };
    const writer = (async () => {
      for (let n = 1; !stop; n++) {
        const r = await filler.put(`/api/evaluations/${w.ev.U1}`, {
          version,
          document: { ...doc, narrative: { 说明: `save ${n}` } },
        });
        if (r.status === 200) {
          counts.ok++;
          version = r.body.version;
          acked = { n, version };
        } else if (r.status === 409) {
          // A save committed whose answer was lost with the connection: read the version again.
          counts.conflict++;
          const g = await filler.get(`/api/evaluations/${w.ev.U1}`);
          if (g.status === 200) version = g.body.version;
        } else {
          check503(r, 'save');
          counts.unavailable++;
          await sleep(20);
        }
      }
    })();
    const readers = [1, 2].map(async () => {
      while (!stop) {
        const r = await filler.get(`/api/evaluations/${w.ev.U1}`);
        if (r.status === 200) counts.ok++;
        else {
          check503(r, 'read');
          counts.unavailable++;
          await sleep(20); // a 503 answers without I/O: leave the timers their turn
        }
      }
    });
    for (let i = 0; i < 10; i++) {
      await sleep(300);
      counts.killed += await terminate();
    }
    stop = true;
    await Promise.all([writer, ...readers]);
    const took = await recovery();
    assert.ok(took < 5000, `service resumed in ${took.toFixed(0)} ms`);
    assert.ok(counts.killed > 0, 'backends were terminated');
    assert.ok(counts.ok > 0, JSON.stringify(counts));
    // Every acknowledged save is there: the stored version and text are at least the last acknowledged.
    const row = await admin.query(`select version, document from ${schema}.evaluations where id = $1`, [w.ev.U1]);
    const stored = row.rows[0] as { version: number; document: { narrative?: { 说明?: string } } };
    assert.ok(stored.version >= acked.version, `stored ${stored.version} < acknowledged ${acked.version}`);
    const n = Number(/save (\d+)/.exec(stored.document.narrative?.说明 ?? '')?.[1] ?? 0);
    assert.ok(n >= acked.n, `stored save ${n} < acknowledged save ${acked.n}`);
    console.log(`# db-faults: ${JSON.stringify(counts)}, resumed in ${took.toFixed(0)} ms`);
  });

  test('connections cut and refused: 503 with Retry-After, health degraded, back within 5 s of the database', async () => {
    await proxy.cut();
    const r = await filler.get(`/api/evaluations/${w.ev.U1}`);
    check503(r, 'read while refused');
    const again = await filler.get('/api/evaluations');
    check503(again, 'second read');
    const h = await w.client().get('/api/health');
    assert.equal(h.status, 503);
    assert.equal(h.body.status, 'degraded');
    assert.ok(Number(h.headers.get('retry-after')) > 0);
    await sleep(1500); // the probe backs off meanwhile
    await proxy.open();
    const took = await recovery();
    assert.ok(took < 5000, `service resumed in ${took.toFixed(0)} ms`);
    assert.equal((await w.client().get('/api/health')).body.status, 'ok');
  });
});
