/** The 江源市 demo region: ≥ 40 units under one framework over two years, every status, deterministic, faults the audit finds. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { audit } from '../../src/core/audit/index.js';
import { STATUSES } from '../../src/core/workflow.js';
import { loadFrameworkVersion } from '../../src/db/frameworks.js';
import { createApp } from '../../src/server/app.js';
import { seedDemo } from '../../src/server/demo.js';
import { FAST_SCRYPT, verifyPassword } from '../../src/server/passwords.js';
import type { Database } from '../../src/db/database.js';
import { backends, Client, openPrepared } from './support.js';

const pglite = backends()[0]!;

async function seeded(): Promise<{ database: Database; report: Awaited<ReturnType<typeof seedDemo>> }> {
  const database = await openPrepared(pglite);
  const report = await seedDemo(database.db, { scrypt: FAST_SCRYPT, password: 'demo-password-1' });
  return { database, report };
}

describe('江源市 demo region', { concurrency: 1 }, () => {
  let a: Awaited<ReturnType<typeof seeded>>;
  before(async () => {
    a = await seeded();
  });
  after(async () => a?.database.close());

  test('48 units, two rounds, every workflow status and some not started, grades that differ', async () => {
    const city = a.report.city!;
    assert.equal(city.created, true);
    assert.ok(city.units >= 40);
    console.log(`seed-demo: 江源市 ${city.units} units, ${city.evaluations} evaluations in ${city.ms} ms`);
    const db = a.database.db;
    const rounds = await db.selectFrom('rounds').selectAll().where('region_id', '=', city.regionId!).execute();
    assert.deepEqual(rounds.map((r) => r.year).sort(), [2023, 2024]);
    const evs = await db
      .selectFrom('evaluations as e')
      .innerJoin('rounds as r', 'r.id', 'e.round_id')
      .select(['e.status', 'e.grade', 'r.year'])
      .where('r.region_id', '=', city.regionId!)
      .execute();
    const y2024 = new Set(evs.filter((e) => e.year === 2024).map((e) => e.status));
    for (const s of STATUSES) assert.ok(y2024.has(s), `2024 has an evaluation ${s}`);
    assert.ok(city.byStatus.not_started! > 0);
    assert.ok(new Set(evs.map((e) => e.grade)).size >= 3, 'grades 优, 良, 中 all occur');
    const units2024 = await db
      .selectFrom('round_units')
      .select('org_id')
      .where('round_id', '=', rounds.find((r) => r.year === 2024)!.id)
      .execute();
    assert.equal(units2024.length, 46, 'the 2024 round asks 46 of the 48 units');
  });

  test('deterministic: a second database gets the same totals, unit by unit', async () => {
    const b = await seeded();
    try {
      const totals = async (d: Database) =>
        (
          await d.db
            .selectFrom('evaluations as e')
            .innerJoin('organisations as o', 'o.id', 'e.org_id')
            .innerJoin('rounds as r', 'r.id', 'e.round_id')
            .select(['o.code', 'r.year', 'e.total', 'e.status'])
            .where('o.code', 'like', 'jy-%')
            .orderBy('o.code')
            .orderBy('r.year')
            .execute()
        ).map((r) => `${r.code}/${r.year}/${r.total}/${r.status}`);
      assert.deepEqual(await totals(b.database), await totals(a.database));
    } finally {
      await b.database.close();
    }
  });

  test('the planted faults are what the audit finds; the others have no arithmetic error', async () => {
    const db = a.database.db;
    const rows = await db
      .selectFrom('evaluations as e')
      .innerJoin('organisations as o', 'o.id', 'e.org_id')
      .innerJoin('rounds as r', 'r.id', 'e.round_id')
      .select(['o.name', 'e.document', 'r.framework_version_id'])
      .where('o.code', 'like', 'jy-%')
      .where('r.year', '=', 2024)
      .execute();
    const fw = (await loadFrameworkVersion(db, rows[0]!.framework_version_id))!.framework;
    const expected: Record<string, string> = {
      'parts-exceed': 'sum-mismatch',
      balance: 'identity-mismatch',
      'narrative-rate': 'rate-mismatch',
      inflated: 'total-mismatch',
    };
    const faulty = new Map(a.report.city!.faulty.map((f) => [f.unit, f.faults]));
    assert.equal(faulty.size, 4);
    for (const r of rows) {
      const codes = new Set(audit(fw, r.document).findings.map((f) => f.code));
      const planted = faulty.get(r.name) ?? [];
      for (const f of planted) assert.ok(codes.has(expected[f]!), `${r.name}: ${f} → ${[...codes].join(',')}`);
      if (!planted.length)
        for (const c of Object.values(expected))
          assert.ok(!codes.has(c), `${r.name} has no ${c}: ${[...codes].join(',')}`);
    }
  });

  test('a sub-unit not asked in 2024 sees only 2023; its filler signs in with the demo password', async () => {
    const app = createApp({ database: a.database, scrypt: FAST_SCRYPT });
    const c = new Client(app);
    assert.equal((await c.login('jy-tsg-filler', 'demo-password-1')).status, 200);
    const rounds = (await c.get('/api/rounds')).body as Array<{ year: number }>;
    assert.deepEqual(
      rounds.map((r) => r.year),
      [2023],
    );
    const admin = new Client(app);
    await admin.login('jy-admin', 'demo-password-1');
    const all = (await admin.get('/api/rounds')).body as Array<{ year: number; unitCount: number }>;
    assert.deepEqual(
      all.map((r) => [r.year, r.unitCount]),
      [
        [2024, 46],
        [2023, 48],
      ],
    );
  });

  test("no two of the city's accounts share a salt or a hash, and each verifies the demo password", async () => {
    const rows = await a.database.db
      .selectFrom('users as u')
      .innerJoin('organisations as o', 'o.id', 'u.org_id')
      .select(['u.username', 'u.password_hash'])
      .where('o.region_id', '=', a.report.city!.regionId!)
      .execute();
    assert.ok(rows.length >= 99, `${rows.length} accounts`);
    const parts = rows.map((r) => r.password_hash.split('$'));
    assert.equal(new Set(parts.map((p) => p[4])).size, rows.length, 'every salt distinct');
    assert.equal(new Set(parts.map((p) => p[5])).size, rows.length, 'every hash distinct');
    for (const r of rows.filter((_, i) => i % 20 === 0))
      assert.ok(await verifyPassword('demo-password-1', r.password_hash), `${r.username} signs in`);
  });
});
