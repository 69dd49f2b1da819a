// Zero 500s at the edge: every route of /api/openapi.json gets bad ids, query values, strings and bodies; none answers 5xx.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backends, type Client, makeWorld, type Reply, seedDocument, type World } from './support.js';

/**
 * A property test driven by the OpenAPI description: for every operation, a valid-looking request is
 * built from its schemas (path ids of real rows, a sample body), then each part is broken in turn —
 * ids past PostgreSQL's integer, not numbers, NUL and lone surrogates in strings, the far end of
 * JavaScript's dates, nesting 40 to 100,000 deep, long arrays, empty and wrong-typed bodies. The
 * answer must never be a 5xx, and a 400 must carry a Chinese message naming a field.
 */

type Schema = Record<string, any>;

const BAD_IDS = ['2147483648', '99999999999999999999', 'abc', '-1', '0', '1.5', '1e3', '%00', '%ED%A0%80', ' 1'];
const BAD_STRINGS = [
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '+275760-09-13',
  '-271821-04-20',
  '9999-99-99',
  '',
  'x'.repeat(5000),
];
const BAD_NUMBERS = [2 ** 31, 2 ** 53 + 1, -1, 0, 1.5, 1e308, -1e308];

function deep(n: number, leaf = '1'): string {
  return '{"a":'.repeat(n) + leaf + '}'.repeat(n);
}
function deepArray(n: number): string {
  return '['.repeat(n) + ']'.repeat(n);
}

function resolve(spec: Schema, s: Schema | undefined): Schema {
  let cur = s ?? {};
  for (let i = 0; i < 20 && cur.$ref; i++) {
    const name = String(cur.$ref).split('/').pop()!;
    cur = spec.components?.schemas?.[name] ?? {};
  }
  return cur;
}

/** A value the schema accepts (roughly): the base each mutation starts from. */
function sample(spec: Schema, s0: Schema | undefined, depth = 0): unknown {
  const s = resolve(spec, s0);
  if (depth > 6) return null;
  if ('const' in s) return s.const;
  if (s.enum) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf ?? s.allOf;
  if (alt) return sample(spec, alt.find((x: Schema) => x.type !== 'null') ?? alt[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) {
        out[k] = sample(spec, v, depth + 1);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(spec, s.items, depth + 1));
    case 'string':
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    case 'integer':
    case 'number':
      return Math.max(1, s.minimum ?? 1);
    case 'boolean':
      return true;
    default:
      return {};
  }
}

/** Every leaf path of a JSON value. */
function leaves(v: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...path, i]));
  if (v && typeof v === 'object') {
    const entries = Object.entries(v);
    if (!entries.length) return [path];
    return [path, ...entries.flatMap(([k, x]) => leaves(x, [...path, k]))];
  }
  return [path];
}

/** The JSON text of `base` with the value at `path` replaced by raw JSON text. */
function withRaw(base: unknown, path: Array<string | number>, raw: string): string {
  if (!path.length) return raw;
  const marker = `__jx_marker_${Math.random().toString(36).slice(2)}__`;
  const copy = structuredClone(base) as any;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k];
  cur[path.at(-1)!] = marker;
  return JSON.stringify(copy).replace(JSON.stringify(marker), raw);
}

interface Op {
  method: string;
  path: string;
  params: Array<{ name: string; in: string; schema: Schema }>;
  body?: Schema;
  bodyType?: string;
}

function operations(spec: Schema): Op[] {
  const out: Op[] = [];
  for (const [p, ops] of Object.entries(spec.paths as Record<string, Record<string, Schema>>)) {
    for (const [m, op] of Object.entries(ops)) {
      const content = op.requestBody?.content as Record<string, Schema> | undefined;
      const bodyType = content ? Object.keys(content)[0] : undefined;
      out.push({
        method: m.toUpperCase(),
        path: p,
        params: (op.parameters ?? []) as Op['params'],
        ...(content && bodyType ? { body: content[bodyType]!.schema, bodyType } : {}),
      });
    }
  }
  return out;
}

describe('on both databases', { concurrency: true }, () => {
  for (const backend of backends()) {
    describe(`no 5xx on bad input (${backend.name})`, { concurrency: 1 }, () => {
      let w: World;
      let spec: Schema;
      let admin: Client;
      let filler: Client;
      const seen = new Map<string, number>();

      before(async () => {
        w = await makeWorld(backend);
        admin = await w.as('a-admin');
        filler = await w.as('u1-filler');
        spec = (await w.client().get('/api/openapi.json')).body;
      });
      after(async () => w?.close());

      /** A path with real ids filled in (so bodies reach the service), or one param replaced. */
      function fill(op: Op, bad?: { name: string; value: string }): string {
        const real: Record<string, string> = {
          id: op.path.startsWith('/api/evaluations')
            ? String(w.ev.U1)
            : op.path.startsWith('/api/rounds')
              ? String(w.round.A)
              : op.path.startsWith('/api/users')
                ? String(w.users['u2-filler']!.id)
                : op.path.startsWith('/api/organisations')
                  ? String(w.org.U2)
                  : '1',
          format: 'html',
          jobId: '00000000-0000-4000-8000-000000000000',
        };
        return op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
          bad && bad.name === name ? bad.value : (real[name] ?? '1'),
        );
      }

      async function send(c: Client, op: Op, url: string, raw?: string, type = 'application/json'): Promise<Reply> {
        let r = await c.send(op.method, url, undefined, {
          ...(raw !== undefined ? { raw, headers: { 'content-type': type } } : {}),
        });
        if (r.status === 401 && op.path !== '/api/auth/login' && op.path !== '/api/auth/password') {
          // The previous probe ended the session (logout, a password reset): sign in again and repeat.
          const who = c === admin ? 'a-admin' : 'u1-filler';
          const again = await w.as(who);
          c.cookie = again.cookie;
          c.csrf = again.csrf;
          r = await c.send(op.method, url, undefined, {
            ...(raw !== undefined ? { raw, headers: { 'content-type': type } } : {}),
          });
        }
        return r;
      }

      function check(r: Reply, what: string): void {
        seen.set(String(r.status), (seen.get(String(r.status)) ?? 0) + 1);
        assert.ok(r.status < 500, `${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
        if (r.status === 400) {
          const m = r.body?.error?.message as string | undefined;
          assert.ok(m && /[\u4e00-\u9fff]/.test(m), `${what}: 400 without a Chinese message`);
        }
      }

      test('bad path ids and query values on every operation', async () => {
        const ops = operations(spec);
        assert.ok(ops.length >= 30);
        for (const op of ops) {
          if (op.path === '/api/auth/logout') continue;
          for (const c of [admin, filler]) {
            for (const p of op.params) {
              for (const v of [...BAD_IDS, 'x\u0000', '+275760-09-13']) {
                const value = p.in === 'path' ? v : encodeURIComponent(v).replace('%25', '%');
                const url = p.in === 'path' ? fill(op, { name: p.name, value }) : `${fill(op)}?${p.name}=${value}`;
                const base = op.body ? JSON.stringify(sample(spec, op.body)) : undefined;
                const r = await send(c, op, url, op.bodyType === 'application/json' ? base : undefined);
                check(r, `${op.method} ${url}`);
                if (p.in === 'path' && /^\d{10,}$/.test(v)) {
                  assert.ok(r.status === 400 || r.status === 404, `${op.method} ${url}: ${r.status}`);
                }
              }
            }
          }
        }
      });

      test('bad bodies on every operation with a JSON body', async () => {
        const ops = operations(spec).filter((o) => o.bodyType === 'application/json' && o.path !== '/api/auth/logout');
        for (const op of ops) {
          const url = fill(op);
          const base = sample(spec, op.body);
          const bodies: Array<[string, string]> = [
            ['{}', '{}'],
            ['[]', '[]'],
            ['null', 'null'],
            ['"x"', '"x"'],
            ['not json', '{"a":'],
            ['deep 40', deep(40)],
            ['deep 100000', deep(100_000)],
            ['deep array 50000', deepArray(50_000)],
          ];
          for (const path of leaves(base)) {
            const at = path.join('.') || '(root)';
            for (const s of BAD_STRINGS)
              bodies.push([`${at} = ${JSON.stringify(s).slice(0, 20)}`, withRaw(base, path, JSON.stringify(s))]);
            for (const n of BAD_NUMBERS) bodies.push([`${at} = ${n}`, withRaw(base, path, String(n))]);
            bodies.push([`${at} deep 1000`, withRaw(base, path, deep(1000))]);
            bodies.push([`${at} deep array 100000`, withRaw(base, path, deepArray(100_000))]);
            bodies.push([`${at} long array`, withRaw(base, path, `[${Array(200_000).fill('1').join(',')}]`)]);
            bodies.push([`${at} null`, withRaw(base, path, 'null')]);
            bodies.push([`${at} object`, withRaw(base, path, '{"\\u0000":1}')]);
          }
          for (const c of [admin, filler]) {
            for (const [what, raw] of bodies) {
              const r = await send(c, op, url, raw);
              check(r, `${op.method} ${url} body ${what}`);
            }
          }
        }
      });

      test('uploads sent as JSON, and JSON where none is expected', async () => {
        const ops = operations(spec).filter(
          (o) => o.method !== 'GET' && o.bodyType !== 'application/json' && o.path !== '/api/auth/logout',
        );
        for (const op of ops) {
          for (const raw of ['{"file":"x"}', deep(100_000), '{"a":"\\u0000"}', 'not json']) {
            const r = await send(admin, op, fill(op), raw);
            check(r, `${op.method} ${op.path} JSON ${raw.slice(0, 20)}`);
          }
        }
      });

      test('known failures of issue 15 answer 400 with a Chinese field message', async () => {
        const nameBefore = (
          await w.database.db.selectFrom('rounds').select('name').where('id', '=', w.round.A).executeTakeFirstOrThrow()
        ).name;
        const ev = w.ev.U1;
        const doc = seedDocument();
        const parts = (n: number) => deep(n, '1');
        const cases: Array<[string, string, string | undefined, RegExp]> = [
          ['GET', `/api/evaluations/2147483648`, undefined, /路径参数 id/],
          ['GET', `/api/evaluations?roundId=2147483648`, undefined, /查询参数 roundId/],
          ['GET', `/api/audit?beforeId=99999999999`, undefined, /查询参数 beforeId/],
          ['PATCH', `/api/users/${w.users['u2-filler']!.id}`, '{}', /至少修改一项/],
          [
            'POST',
            '/api/rounds',
            JSON.stringify({ name: '远', year: 2025, frameworkVersionId: 1, deadline: '+275760-09-13' }),
            /deadline/,
          ],
          ['PATCH', `/api/rounds/${w.round.A}`, JSON.stringify({ name: 'a\u0000b' }), /name/],
          ['PATCH', `/api/rounds/${w.round.A}`, JSON.stringify({ name: 'a\ud800b' }), /name/],
          [
            'PUT',
            `/api/evaluations/${ev}`,
            JSON.stringify({ version: 1, document: doc }).replace(
              /"indicators":\{/,
              `"indicators":{"X":{"parts":${parts(1000)}},`,
            ),
            /indicators\.X\.parts/,
          ],
          [
            'PUT',
            `/api/evaluations/${ev}`,
            JSON.stringify({ version: 1, document: doc }).replace(
              /"indicators":\{/,
              `"indicators":{"X":{"parts":${parts(100_000)}},`,
            ),
            /嵌套/,
          ],
          ['POST', '/api/web/frameworks', `{"source":${deep(50_000)}}`, /嵌套/],
        ];
        for (const [method, url, raw, field] of cases) {
          const c = method === 'PUT' ? filler : admin;
          const r = await c.send(
            method,
            url,
            undefined,
            raw === undefined ? {} : { raw, headers: { 'content-type': 'application/json' } },
          );
          assert.equal(r.status, 400, `${method} ${url}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
          assert.match(r.body.error.message, /[\u4e00-\u9fff]/);
          assert.match(JSON.stringify(r.body.error), field, `${method} ${url}: ${r.body.error.message}`);
        }
        // Nothing was changed by any of it.
        const row = await w.database.db
          .selectFrom('rounds')
          .select('name')
          .where('id', '=', w.round.A)
          .executeTakeFirstOrThrow();
        assert.equal(row.name, nameBefore);
      });
    });
  }
});
