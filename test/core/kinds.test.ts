import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeRule } from '../../src/core/rules/describe.js';
import {
  JUDGMENT_KINDS,
  MEASURED_KINDS,
  RULE_KIND_INFO,
  RULE_KIND_NAMES,
  RULE_KINDS,
  type RuleKind,
} from '../../src/core/rules/kinds.js';
import { RuleSchema } from '../../src/core/rules/schema.js';

// One example of every kind, as a framework file writes it: a kind missing here fails to compile.
const EXAMPLES = {
  ratio: { kind: 'ratio' },
  reverse: { kind: 'reverse' },
  equal: { kind: 'equal', tolerance: 1 },
  target: { kind: 'target' },
  rate: { kind: 'rate', zeroAbove: 100 },
  'threshold-linear': { kind: 'threshold-linear', floor: 60 },
  bands: { kind: 'bands', bands: [{ gte: 90, points: 5 }] },
  deduction: { kind: 'deduction', perItem: 1 },
  'excess-deduction': { kind: 'excess-deduction', limit: 5, perStep: 0.5 },
  quarterly: { kind: 'quarterly', perQuarter: 1, averagePoints: 2 },
  checklist: { kind: 'checklist', items: [{ text: '制度健全', points: 2 }] },
  levels: {
    kind: 'levels',
    levels: [
      { name: '好', points: 2 },
      { name: '差', points: 0 },
    ],
  },
  qualitative: { kind: 'qualitative' },
  yesno: { kind: 'yesno' },
  manual: { kind: 'manual' },
  composite: {
    kind: 'composite',
    parts: [
      { name: '甲', points: 1, rule: { kind: 'manual' } },
      { name: '乙', points: 1, rule: { kind: 'yesno' } },
    ],
  },
} satisfies Record<RuleKind, { kind: RuleKind } & Record<string, unknown>>;

test('every kind has one row in the kinds table: a name, a hint, what scores it and its inputs', () => {
  assert.deepEqual(Object.keys(RULE_KIND_INFO).sort(), [...RULE_KINDS].sort());
  for (const k of RULE_KINDS) {
    const info = RULE_KIND_INFO[k];
    assert.ok(info.name && info.hint && info.fields.length > 0, k);
    assert.equal(RULE_KIND_NAMES[k], info.name);
    assert.equal(MEASURED_KINDS.has(k), info.scoredFrom === 'measured', k);
    assert.equal(JUDGMENT_KINDS.has(k), info.scoredFrom === 'judgment', k);
    // A measured kind reads 实际完成值; a judgment kind never does.
    if (MEASURED_KINDS.has(k)) assert.ok((info.fields as readonly string[]).includes('actual'), k);
    if (JUDGMENT_KINDS.has(k)) assert.ok(!(info.fields as readonly string[]).includes('actual'), k);
  }
  assert.ok(
    [...MEASURED_KINDS].every((k) => !JUDGMENT_KINDS.has(k)),
    'measured and judgment are disjoint',
  );
});

test('describeRule puts every kind in words, starting with its name', () => {
  for (const k of RULE_KINDS) {
    const rule = RuleSchema.parse(EXAMPLES[k]);
    const text = describeRule(rule);
    assert.ok(text.startsWith(`${RULE_KIND_NAMES[k]}：`), `${k}: ${text}`);
    assert.ok(text.length > RULE_KIND_NAMES[k].length + 1, k);
  }
  assert.equal(describeRule(undefined), '');
});
