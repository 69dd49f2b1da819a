import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { loadActor } from '../src/server/resources/auth/service.js';
import { roundDashboard, roundProgress } from '../src/server/resources/dashboard/service.js';
const d = await openDatabase({ url: process.env.U! });
const queries: string[] = [];
const db = d.db.withPlugin({ transformQuery: (a) => a.node, transformResult: async (a) => a.result } as any);
const logged = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: process.env.U }) }), log: (e) => { if (e.level === 'query') queries.push(e.query.sql + ' -- ' + JSON.stringify(e.query.parameters)); } });
const u = await d.db.selectFrom('users').select('id').where('username', '=', 'province-admin').executeTakeFirstOrThrow();
const actor = (await loadActor(d.db, u.id))!;
for (const scope of ['all', 'approved'] as const) {
  for (let i = 0; i < 3; i++) { const t = performance.now(); const r = await roundDashboard(d.db, actor, 3, scope); console.log(scope, 'dashboard ms', Math.round(performance.now() - t), r.count, r.ranking.length, r.missed.length, r.average); }
}
for (let i = 0; i < 3; i++) { const t = performance.now(); const p = await roundProgress(d.db, actor, { id: 3, regionId: actor.regionId! }); console.log('progress ms', Math.round(performance.now() - t), p.units, p.notStarted); }
await roundDashboard(logged as any, actor, 3, 'all');
const { writeFileSync } = await import('node:fs');
writeFileSync('scratch-tmp/queries.json', JSON.stringify(queries, null, 1));
await logged.destroy(); await d.close(); void db;
