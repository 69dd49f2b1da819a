// Reading and checking input fast changes nothing: the compiled checks give zod's own result, the JSON path the YAML reader's.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { EvaluationSchema } from '../../src/core/evaluation.js';
import { fastSafeParse, useGeneratedChecks } from '../../src/core/fast-parse.js';
import { FrameworkSchema } from '../../src/core/framework/schema.js';
import { InputError, parseYamlText } from '../../src/core/input.js';
import { PACKAGE_ROOT } from '../../src/load/paths.js';

const dir = (d: string) =>
  readdirSync(path.join(PACKAGE_ROOT, d))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => path.join(PACKAGE_ROOT, d, f));
const EVALUATIONS = [...dir('examples/seeds'), ...dir('examples/national')];
const FRAMEWORKS = dir('frameworks');

/** What the reader gave before the fast paths: the whole YAML document, then toJS. */
const yamlData = (text: string) => parseDocument(text, { uniqueKeys: true }).toJS({ maxAliasCount: 100 }) as unknown;

/** Same success, same output (as JSON: key order included), same issues. */
function sameAsZod(schema: z.ZodType, data: unknown): void {
  const fast = fastSafeParse(schema, data);
  const ref = schema.safeParse(data);
  assert.equal(fast.success, ref.success);
  if (ref.success) {
    assert.deepEqual(fast.data, ref.data);
    assert.equal(JSON.stringify(fast.data), JSON.stringify(ref.data));
  } else assert.deepEqual(fast.error?.issues, ref.error.issues);
}

test('every seed, national example and built-in framework: the compiled checks give what zod gives', () => {
  for (const f of EVALUATIONS) sameAsZod(EvaluationSchema, yamlData(readFileSync(f, 'utf8')));
  for (const f of FRAMEWORKS) sameAsZod(FrameworkSchema, yamlData(readFileSync(f, 'utf8')));
});

test('the same files as YAML, compact JSON and indented JSON read to the same data', () => {
  for (const f of [...EVALUATIONS, ...FRAMEWORKS]) {
    const text = readFileSync(f, 'utf8');
    const data = yamlData(text);
    assert.deepEqual(parseYamlText(text, f).data, data);
    for (const json of [JSON.stringify(data), JSON.stringify(data, null, 2)]) {
      assert.deepEqual(parseYamlText(json, f).data, yamlData(json));
      assert.deepEqual(parseYamlText(json, f).data, data);
    }
  }
});

test('JSON texts the fast path leaves to the YAML reader read as YAML reads them', () => {
  for (const text of [
    '{"a": "\\u00e9\\ud83d\\ude00"}',
    '{\t"a": 1}',
    '{"b": {"__proto__": {"x": 1}}}',
    '[{"a": 1}, 2]',
  ])
    assert.deepEqual(parseYamlText(text, 'e.json').data, yamlData(text));
  // A key over 1,000 characters is left to the YAML reader too.
  const long = `{"${'k'.repeat(1100)}": 1}`;
  assert.deepEqual(parseYamlText(long, 'e.json').data, yamlData(long));
});

test('a JSON text with a key twice is refused as YAML refuses it, with its line', () => {
  const text = '{\n  "framework": "x",\n  "unit": "a",\n  "unit": "b"\n}\n';
  assert.throws(
    () => parseYamlText(text, 'e.json'),
    (e: unknown) => e instanceof InputError && /第4行/.test(e.message) && /重复的键/.test(e.message),
  );
  const nested = '{"indicators": {"a": {"actual": 1, "actual": 2}}, "b": {"actual": 1}}';
  assert.throws(() => parseYamlText(nested, 'e.json'), /重复的键/);
  // Spaced colons and escaped quotes are counted the slow way, with the same answer.
  assert.throws(() => parseYamlText('{"a" : 1, "b": "x\\"y", "a" : 2}', 'e.json'), /重复的键/);
  // The same key in two different objects is no repeat.
  assert.deepEqual(parseYamlText('{"a": {"x": 1}, "b": {"x": "1,\\"x\\""}}', 'ok.json').data, {
    a: { x: 1 },
    b: { x: '1,"x"' },
  });
});

test('lines are found for JSON and YAML alike, after a fast read', () => {
  const json = '{\n  "framework": "x",\n  "indicators": {\n    "a": { "actual": 1 }\n  }\n}';
  assert.equal(parseYamlText(json, 'e.json').lineOf(['indicators', 'a', 'actual']), 4);
  const yaml = 'framework: x\nindicators:\n  a:\n    actual: 1\n';
  assert.equal(parseYamlText(yaml, 'e.yaml').lineOf(['indicators', 'a', 'actual']), 4);
});

// Random edits of the seeds: a field dropped, retyped, out of range or unknown — each judged as zod judges it.
const SEEDS = EVALUATIONS.map((f) => yamlData(readFileSync(f, 'utf8')) as Record<string, unknown>);
const VALUES = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 3000 }),
  fc.double({ noNaN: false }),
  fc.string({ maxLength: 6 }),
  fc.constantFrom('98.5%', '１２３．４', '1,586.78', '', '达成', 'abc'),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 5 }),
);

function edit(doc: unknown, steps: Array<{ at: number[]; value: unknown; key: string; op: number }>): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  for (const s of steps) {
    let node: unknown = copy;
    for (const n of s.at) {
      if (node === null || typeof node !== 'object') break;
      const keys = Object.keys(node);
      if (!keys.length) break;
      const k = keys[n % keys.length]!;
      const child = (node as Record<string, unknown>)[k];
      if (child === null || typeof child !== 'object') {
        const obj = node as Record<string, unknown>;
        if (s.op === 0) delete obj[k];
        else if (s.op === 1) obj[k] = s.value;
        else obj[s.key] = s.value;
        node = undefined;
        break;
      }
      node = child;
    }
    if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      if (s.op === 2) obj[s.key] = s.value;
      else if (s.op === 1) obj[Object.keys(obj)[0] ?? s.key] = s.value;
    }
  }
  return copy;
}

const randomEdits = (numRuns: number) =>
  fc.assert(
    fc.property(
      fc.nat({ max: SEEDS.length - 1 }),
      fc.array(
        fc.record({
          at: fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 5 }),
          value: VALUES,
          key: fc.constantFrom('actual', 'claimed', 'target', 'tier', 'extra', 'budget', 'year', 'unit', 'drop'),
          op: fc.nat({ max: 2 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      (k, steps) => sameAsZod(EvaluationSchema, edit(SEEDS[k], steps)),
    ),
    { numRuns, seed: 16 },
  );

test('1,000 random edits of the seeds: the compiled checks give what zod gives', () => randomEdits(1000));

test('without generated functions (a page that forbids eval) the checks give what zod gives too', () => {
  useGeneratedChecks(false);
  try {
    for (const f of EVALUATIONS) sameAsZod(EvaluationSchema, yamlData(readFileSync(f, 'utf8')));
    randomEdits(300);
  } finally {
    useGeneratedChecks(true);
  }
});
