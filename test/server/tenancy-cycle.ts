// Tenancy cases for the cycle's endpoints (targets, monitoring, 整改, publication), run by tenancy.test.ts with the others.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { createMonitoring } from '../../src/server/resources/monitoring/service.js';
import { createTargets } from '../../src/server/resources/targets/service.js';
import type { Client, Reply, World } from './support.js';

const ex = (f: string) => {
  const d = parse(readFileSync(path.join(PACKAGE_ROOT, 'examples', 'cycle', f), 'utf8')) as Record<string, unknown>;
  delete d.unit;
  return d;
};

/** The rows of each unit the outsiders aim at, by organisation id. */
const rows = new Map<number, { targets: number; monitoring: number }>();
const of = (org: number) => rows.get(org) ?? { targets: 2_000_000_000, monitoring: 2_000_000_000 };

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
    rows.set(org, { targets: t.id, monitoring: m.id });
  }
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
];

/** Create only for the caller's own unit: there is no other unit to name. */
export const CYCLE_SELF = ['POST /api/targets', 'POST /api/monitoring'];
