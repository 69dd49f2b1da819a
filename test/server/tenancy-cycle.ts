// Tenancy cases for the cycle's endpoints (targets, monitoring, 整改, publication), run by tenancy.test.ts with the others.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { createMonitoring } from '../../src/server/resources/monitoring/service.js';
import { publish } from '../../src/server/resources/publication/service.js';
import { createRectification } from '../../src/server/resources/rectification/service.js';
import { createTargets } from '../../src/server/resources/targets/service.js';
import type { Client, Reply, World } from './support.js';

const ex = (f: string) => {
  const d = parse(readFileSync(path.join(PACKAGE_ROOT, 'examples', 'cycle', f), 'utf8')) as Record<string, unknown>;
  delete d.unit;
  return d;
};

/** The rows of each unit the outsiders aim at, by organisation id. */
const rows = new Map<number, { targets: number; monitoring: number; item: number }>();
const NONE = 2_000_000_000;
const of = (org: number) => rows.get(org) ?? { targets: NONE, monitoring: NONE, item: NONE };
/** Region A's published 自评 (U2's, approved by tenancy.test.ts), and region A's organisations. */
let publication = NONE;
let regionA: number[] = [];

/** Target sets and monitoring reports for U1 and U2 (region A) and V1 (region B). */
export async function setupCycle(w: World): Promise<void> {
  const db = w.database.db;
  for (const [who, org] of [
    ['u1-filler', w.org.U1],
    ['u2-filler', w.org.U2],
    ['v1-filler', w.org.V1],
  ] as const) {
    const t = await createTargets(db, w.actors[who]!, { year: 2021, document: ex('targets-2021.yaml') });
    const m = await createMonitoring(db, w.actors[who]!, {
      year: 2021,
      month: 6,
      document: ex('monitoring-2021-06.yaml'),
    });
    const i = await createRectification(db, w.actors[who]!, { year: 2021, source: 'report', problem: '预算执行偏慢' });
    rows.set(org, { targets: t.id, monitoring: m.id, item: i.id });
  }
  publication = (await publish(db, w.actors['a-admin']!, { evaluationId: w.ev.U2 })).id;
  regionA = [w.org.A, w.org.U1, w.org.U2, w.org.U1S];
}

interface CycleCase {
  endpoint: string;
  run: (c: Client, t: { org: number; ev: number }) => Promise<Reply>;
  outsider: number | 'hidden-in-list';
  list?: (body: unknown) => number[];
}

const orgIds = (b: unknown) => (b as Array<{ orgId: number }>).map((x) => x.orgId);

export const CYCLE_CASES: CycleCase[] = [
  { endpoint: 'GET /api/targets', run: (c) => c.get('/api/targets'), outsider: 'hidden-in-list', list: orgIds },
  { endpoint: 'GET /api/targets/{id}', run: (c, t) => c.get(`/api/targets/${of(t.org).targets}`), outsider: 404 },
  {
    endpoint: 'PUT /api/targets/{id}',
    run: (c, t) => c.put(`/api/targets/${of(t.org).targets}`, { version: 1, document: ex('targets-2021.yaml') }),
    outsider: 404,
  },
  {
    endpoint: 'POST /api/targets/{id}/transitions',
    run: (c, t) => c.post(`/api/targets/${of(t.org).targets}/transitions`, { action: 'submit', version: 1 }),
    outsider: 404,
  },
  {
    endpoint: 'POST /api/targets/{id}/adjustments',
    run: (c, t) =>
      c.post(`/api/targets/${of(t.org).targets}/adjustments`, {
        version: 1,
        indicator: '区人大代表满意度',
        target: '≥10%',
        reason: '越权调整目标',
      }),
    outsider: 404,
  },
  {
    endpoint: 'GET /api/evaluations/{id}/cycle',
    run: (c, t) => c.get(`/api/evaluations/${t.ev}/cycle`),
    outsider: 404,
  },
  {
    endpoint: 'GET /api/targets/{id}/document',
    run: (c, t) => c.get(`/api/targets/${of(t.org).targets}/document?format=html`),
    outsider: 404,
  },
  { endpoint: 'GET /api/monitoring', run: (c) => c.get('/api/monitoring'), outsider: 'hidden-in-list', list: orgIds },
  {
    endpoint: 'GET /api/monitoring/{id}',
    run: (c, t) => c.get(`/api/monitoring/${of(t.org).monitoring}`),
    outsider: 404,
  },
  {
    endpoint: 'PUT /api/monitoring/{id}',
    run: (c, t) =>
      c.put(`/api/monitoring/${of(t.org).monitoring}`, { version: 1, document: ex('monitoring-2021-09.yaml') }),
    outsider: 404,
  },
  {
    endpoint: 'GET /api/monitoring/{id}/document',
    run: (c, t) => c.get(`/api/monitoring/${of(t.org).monitoring}/document?format=html`),
    outsider: 404,
  },
  {
    endpoint: 'POST /api/monitoring/{id}/execution',
    // The file is read only after the report is found: an outsider's upload is refused before it is parsed.
    run: (c, t) => c.upload(`/api/monitoring/${of(t.org).monitoring}/execution`, '越权.xlsx', new Uint8Array([1, 2])),
    outsider: 404,
  },
  {
    endpoint: 'POST /api/monitoring/{id}/urge',
    run: (c, t) => c.post(`/api/monitoring/${of(t.org).monitoring}/urge`, { note: '越权督促' }),
    outsider: 404,
  },
  {
    endpoint: 'GET /api/monitoring/dashboard',
    run: (c) => c.get('/api/monitoring/dashboard?year=2021'),
    outsider: 'hidden-in-list',
    list: (b) => (b as { units: Array<{ orgId: number }> }).units.map((u) => u.orgId),
  },
  {
    endpoint: 'GET /api/rectification',
    run: (c) => c.get('/api/rectification'),
    outsider: 'hidden-in-list',
    list: orgIds,
  },
  {
    endpoint: 'POST /api/rectification',
    run: (c, t) => c.post('/api/rectification', { orgId: t.org, year: 2021, source: 'finding', problem: '越权新增' }),
    outsider: 404,
  },
  {
    endpoint: 'POST /api/evaluations/{id}/rectification',
    run: (c, t) => c.post(`/api/evaluations/${t.ev}/rectification`, {}),
    outsider: 404,
  },
  {
    endpoint: 'PATCH /api/rectification/{id}',
    run: (c, t) => c.patch(`/api/rectification/${of(t.org).item}`, { version: 1, owner: '越权' }),
    outsider: 404,
  },
  {
    endpoint: 'GET /api/results',
    run: (c) => c.get('/api/results?year=2021'),
    outsider: 'hidden-in-list',
    list: (b) => (b as { rows: Array<{ orgId: number }> }).rows.map((r) => r.orgId),
  },
  {
    endpoint: 'GET /api/results/export',
    run: (c) => c.get('/api/results/export?year=2021'),
    outsider: 'hidden-in-list',
    // A CSV: any of region A's units named in it counts as all of them shown.
    list: (b) => (new TextDecoder().decode(b as Uint8Array).includes('甲市') ? regionA : []),
  },
  {
    endpoint: 'GET /api/publications',
    run: (c) => c.get('/api/publications'),
    outsider: 'hidden-in-list',
    list: orgIds,
  },
  {
    endpoint: 'POST /api/publications',
    run: (c, t) => c.post('/api/publications', { evaluationId: t.ev }),
    outsider: 404,
  },
  {
    endpoint: 'POST /api/publications/{id}/withdraw',
    run: (c) => c.post(`/api/publications/${publication}/withdraw`, { reason: '越权撤回' }),
    outsider: 404,
  },
];

export const CYCLE_SELF = [
  // Create only for the caller's own unit: there is no other unit to name.
  'POST /api/targets',
  'POST /api/monitoring',
  // The caller's own region's settings: there is no other region to name.
  'GET /api/cycle/settings',
  'PUT /api/cycle/settings',
  // Public by design, without login: only published, approved 自评 (test/cycle/server.test.ts: the rest 404).
  'GET /api/public/regions/{code}/publications',
  'GET /api/public/publications/{id}/{file}',
];
