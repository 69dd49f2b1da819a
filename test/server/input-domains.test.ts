// Impossible input refused at the API (issue 11.2/11.3): 400 naming the field in Chinese, nothing stored, never a 500 or a NaN.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { FIGURE_FIELDS } from '../../src/core/check/index.js';
import { backends, type Client, makeWorld, type World } from './support.js';

type Doc = Record<string, any>;
const clone = (d: Doc): Doc => structuredClone(d);
const LATIN = /[A-Za-z]{4,}/; // no English sentence may reach a user (field paths are checked apart)

const REFUSED: Array<[string, (d: Doc) => void, string, RegExp]> = [
  ['全年预算数 −100', (d) => (d.figures.budget.total = -100), 'document.figures.budget.total', /金额不能为负数/],
  [
    '年初预算数 10^15 万元',
    (d) => (d.figures.budget.initial = 1e15),
    'document.figures.budget.initial',
    /超出合理范围/,
  ],
  ['年初预算数 1e308', (d) => (d.figures.budget.initial = 1e308), 'document.figures.budget.initial', /超出合理范围/],
  ['年初预算数 −1e308', (d) => (d.figures.budget.initial = -1e308), 'document.figures.budget.initial', /不能为负数/],
  ['预算执行数 −5', (d) => (d.figures.budget.executed = -5), 'document.figures.budget.executed', /不能为负数/],
  ['满意度 150', (d) => (d.figures.satisfaction = 150), 'document.figures.satisfaction', /0～100%/],
  [
    '区人大代表满意度 150%',
    (d) => (d.indicators['区人大代表满意度'].actual = '150%'),
    'document.indicators.区人大代表满意度.actual',
    /区人大代表满意度应在 0～100% 之间/,
  ],
  [
    '控制率 −5%',
    (d) => (d.indicators['“三公经费”控制率'].actual = '-5%'),
    'document.indicators.“三公经费”控制率.actual',
    /比率不能为负数/,
  ],
  [
    'claimed 1e308',
    (d) => (d.indicators['工作任务科学性'].claimed = 1e308),
    'document.indicators.工作任务科学性.claimed',
    /超过该指标的分值2分/,
  ],
  [
    'claimed above the weight',
    (d) => (d.indicators['工作任务科学性'].claimed = 3),
    'document.indicators.工作任务科学性.claimed',
    /自评得分3分超过该指标的分值2分/,
  ],
  [
    'claimed negative',
    (d) => (d.indicators['工作任务科学性'].claimed = -1),
    'document.indicators.工作任务科学性.claimed',
    /不能为负数/,
  ],
  [
    'tier 优秀, not of the indicator',
    (d) => (d.indicators['工作任务科学性'].tier = '优秀'),
    'document.indicators.工作任务科学性.tier',
    /档次“优秀”不是该指标的档次，可选：.*达成/,
  ],
  [
    'a quantitative 指标值 without a number',
    (d) => (d.indicators['专项资金细化率'].target = '大约九成'),
    'document.indicators.专项资金细化率.target',
    /中没有数值/,
  ],
  ['a missing task name', (d) => (d.tasks = [{ budget: 1 }]), 'document.tasks[0].name', /请填写任务名称/],
];

/** Every number of a score result, by key: those that must be there, those that may be null. */
const REQUIRED = new Set(['total', 'strictTotal', 'score', 'weight', 'strictScore', 'points', 'count', 'delta']);
const OPTIONAL = new Set(['claimedTotal', 'statedTotal', 'ruleScore', 'claimed', 'judged']);

/** Paths in a result whose score is null, a string or not finite. */
function scoreProblems(v: unknown, at = 'result'): string[] {
  if (Array.isArray(v)) return v.flatMap((x, n) => scoreProblems(x, `${at}[${n}]`));
  if (!v || typeof v !== 'object') return [];
  const out: string[] = [];
  for (const [k, x] of Object.entries(v)) {
    const here = `${at}.${k}`;
    const finite = typeof x === 'number' && Number.isFinite(x);
    if (REQUIRED.has(k) && !finite && !(x && typeof x === 'object')) out.push(`${here} = ${JSON.stringify(x)}`);
    else if (OPTIONAL.has(k) && x !== null && x !== undefined && !finite) out.push(`${here} = ${JSON.stringify(x)}`);
    out.push(...scoreProblems(x, here));
  }
  return out;
}

describe('input domains at the API', { concurrency: true }, () => {
  for (const backend of backends()) {
    describe(backend.name, { concurrency: 1 }, () => {
      let w: World;
      let f: Client;
      const get = async () => (await f.get(`/api/evaluations/${w.ev.U1}`)).body;
      before(async () => {
        w = await makeWorld(backend);
        f = await w.as('u1-filler');
      });
      after(async () => w?.close());

      test('impossible figures and self-scores: 400 naming the field in Chinese; nothing stored', async () => {
        const before = await get();
        for (const [name, mutate, field, message] of REFUSED) {
          const doc = clone(before.document);
          mutate(doc);
          const r = await f.put(`/api/evaluations/${w.ev.U1}`, { version: before.version, document: doc });
          assert.equal(r.status, 400, `${name} → ${r.status} ${JSON.stringify(r.body)}`);
          assert.equal(r.body.error.code, 'bad-request');
          const hit = r.body.error.fields.find((x: { field: string }) => x.field === field);
          assert.ok(hit, `${name}: ${field} in ${JSON.stringify(r.body.error.fields)}`);
          assert.match(hit.message, message, name);
          for (const x of r.body.error.fields) assert.doesNotMatch(x.message, LATIN, `${name}: ${x.message}`);
        }
        const after = await get();
        assert.equal(after.version, before.version, 'nothing was saved');
        assert.deepEqual(after.document, before.document);
      });

      test('full-width digits, thousands separators and units are read and stored as numbers', async () => {
        const before = await get();
        const doc = clone(before.document);
        doc.figures.budget.initial = '８３０．７８';
        doc.figures.budget.executed = '1,000.5万元';
        doc.figures.satisfaction = '９８．５％';
        const r = await f.put(`/api/evaluations/${w.ev.U1}`, { version: before.version, document: doc });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.equal(r.body.document.figures.budget.initial, 830.78);
        assert.equal(r.body.document.figures.budget.executed, 1000.5);
        assert.equal(r.body.document.figures.satisfaction, 98.5);
        // Back to the seed for the tests that follow.
        const back = await f.put(`/api/evaluations/${w.ev.U1}`, { version: r.body.version, document: before.document });
        assert.equal(back.status, 200);
      });

      test('the submission gate: an empty figure the rules need stops submit, naming it; the status stays', async () => {
        const before = await get();
        const doc = clone(before.document);
        delete doc.indicators['“三公经费”控制率'].actual;
        const saved = await f.put(`/api/evaluations/${w.ev.U1}`, { version: before.version, document: doc });
        assert.equal(saved.status, 200);
        const r = await f.post(`/api/evaluations/${w.ev.U1}/transitions`, {
          action: 'submit',
          version: saved.body.version,
        });
        assert.equal(r.status, 409, JSON.stringify(r.body));
        assert.equal(r.body.error.code, 'not-ready');
        const hit = r.body.error.fields.find(
          (x: { field: string }) => x.field === 'document.figures.threePublic.actual',
        );
        assert.ok(hit, JSON.stringify(r.body.error.fields));
        assert.match(hit.message, /“三公”经费实际支出数：尚未填写：计算“三公经费”控制率需要此项/);
        assert.match(r.body.error.message, /不能提交/);
        assert.equal((await get()).status, 'draft');
        const back = await f.put(`/api/evaluations/${w.ev.U1}`, {
          version: saved.body.version,
          document: before.document,
        });
        assert.equal(back.status, 200);
      });

      test('404, 405, 413 and 415 answer in Chinese', async () => {
        const nf = await f.get('/api/no-such-thing');
        assert.equal(nf.status, 404);
        assert.match(nf.body.error.message, /没有这个接口/);
        const na = await f.del('/api/rounds');
        assert.equal(na.status, 405);
        assert.match(na.body.error.message, /不支持 DELETE 请求，可用：GET、POST/);
        assert.equal(na.headers.get('allow'), 'GET, POST');
        const mt = await f.send('PUT', `/api/evaluations/${w.ev.U1}`, undefined, {
          raw: 'version=1',
          headers: { 'content-type': 'text/plain' },
        });
        assert.equal(mt.status, 415);
        assert.match(mt.body.error.message, /请求体须为 JSON/);
        const big = await f.put(`/api/evaluations/${w.ev.U1}`, { version: 1, document: { goals: 'x'.repeat(3e6) } });
        assert.equal(big.status, 413);
        assert.match(big.body.error.message, /请求体超过 2 MB 上限/);
        for (const r of [nf, na, mt, big]) assert.doesNotMatch(r.body.error.message, /Unsupported|Not Found|Method/);
      });

      test('property: no document yields a 500, a NaN or an Infinity in any score', async () => {
        const start = await get();
        let version: number = start.version;
        const numberish = fc.oneof(
          fc.double(),
          fc.integer({ min: -1e9, max: 1e9 }),
          fc.constantFrom(1e308, -1e308, 5e-324, 0, -0, 1e15, 100.005),
          fc.string({ maxLength: 8 }),
          fc.constantFrom('１２３．４', '1,234.5', '12万元', '98%', '大约九成', '', ' ', '−5', '1e308', '0x10'),
          fc.constant(null),
        );
        const figures = fc.record(
          Object.fromEntries(Object.keys(FIGURE_FIELDS).map((k) => [k, numberish])) as Record<string, typeof numberish>,
          { requiredKeys: [] },
        );
        const input = fc.record(
          {
            actual: fc.oneof(numberish, fc.constantFrom('98%', '-5%', '1e308%', '达成')),
            target: fc.oneof(numberish, fc.constantFrom('≥95%', '≤0%', '科学')),
            claimed: numberish,
            tier: fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('达成', '部分达成', '优秀')),
            value: numberish,
            quarters: fc.array(numberish, { maxLength: 5 }),
          },
          { requiredKeys: [] },
        );
        const names = Object.keys(start.document.indicators as object);
        const docArb = fc.record({
          figures,
          indicators: fc.dictionary(fc.constantFrom(...names), input, { maxKeys: 6 }),
          extra: fc.oneof(fc.constant(undefined), fc.anything({ maxDepth: 2 })),
        });
        await fc.assert(
          fc.asyncProperty(docArb, async ({ figures: flat, indicators, extra }) => {
            const doc = clone(start.document);
            for (const [k, v] of Object.entries(flat)) {
              const parts = k.split('.');
              let o = doc.figures;
              for (const p of parts.slice(0, -1)) o = o[p] = o[p] && typeof o[p] === 'object' ? o[p] : {};
              o[parts.at(-1)!] = v;
            }
            for (const [k, v] of Object.entries(indicators)) doc.indicators[k] = { ...doc.indicators[k], ...v };
            if (extra !== undefined) doc.extra = extra;
            const r = await f.put(`/api/evaluations/${w.ev.U1}`, { version, document: doc });
            assert.ok(r.status === 200 || r.status === 400, `status ${r.status}: ${JSON.stringify(r.body)}`);
            if (r.status === 400) {
              assert.ok(r.body.error.fields.length > 0);
              return;
            }
            version = r.body.version;
            // JSON carries a NaN or an Infinity as null: every score must be a finite number where it is required,
            // and a finite number or absent/null where it is optional.
            const problems = scoreProblems(r.body.result);
            assert.deepEqual(problems, [], problems.slice(0, 5).join('\n'));
            assert.doesNotMatch(JSON.stringify(r.body.result), /NaN|Infinity/);
          }),
          { numRuns: 120, seed: 20261129 },
        );
      });
    });
  }
});
