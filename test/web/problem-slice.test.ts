/** Issue 16 (keystroke → total): each form section gets only its own problems, so a keystroke elsewhere leaves it alone. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { problemsSig, SECTION_KEYS, sliceProblems } from '../../web/src/workspace/problemSlice.js';

/** As the workspace's check.ts has it. */
interface Problem {
  key: string;
  label: string;
  message: string;
  level: 'error' | 'warning';
}

const p = (key: string, message = '必须是数字'): Problem => ({ key, label: key, message, level: 'error' });
const all = new Map<string, Problem[]>(
  [
    'contact',
    'figures.budget.total',
    'figures.budgetary',
    'figures.staffing.actual',
    'figures.tasks.planned',
    'tasks.0.name',
    'tasksX',
    'indicators.在职人员控制率.actual',
    'tailoring.add.0.weight',
    'narrative.summary',
  ].map((k) => [k, [p(k)]]),
);

test('a slice holds the keys under its prefixes, not a key that merely starts with the same letters', () => {
  assert.deepEqual([...sliceProblems(all, SECTION_KEYS.budget).keys()], ['figures.budget.total']);
  assert.deepEqual([...sliceProblems(all, SECTION_KEYS.tasks).keys()], ['tasks.0.name']);
  assert.deepEqual([...sliceProblems(all, SECTION_KEYS.basic).keys()], ['contact']);
  assert.deepEqual([...sliceProblems(all, SECTION_KEYS.assets).keys()], ['figures.tasks.planned']);
  assert.deepEqual(
    [...sliceProblems(all, SECTION_KEYS.indicators).keys()],
    ['indicators.在职人员控制率.actual', 'tailoring.add.0.weight'],
  );
});

test('every section key belongs to one section only', () => {
  const sections = Object.entries(SECTION_KEYS);
  for (const k of all.keys()) {
    const owners = sections.filter(([, prefixes]) => sliceProblems(all, prefixes).has(k)).map(([name]) => name);
    assert.ok(owners.length <= 1, `${k}: ${owners.join(', ')}`);
  }
});

test('a section without problems gets the same empty map each time; its signature changes with a message only', () => {
  const none = new Map([['narrative.summary', [p('narrative.summary')]]]);
  assert.equal(sliceProblems(none, SECTION_KEYS.budget), sliceProblems(all, ['nothing']));
  assert.equal(sliceProblems(none, SECTION_KEYS.budget).size, 0);
  const a = sliceProblems(all, SECTION_KEYS.staffing);
  const b = sliceProblems(new Map(all), SECTION_KEYS.staffing);
  assert.notEqual(a, b);
  assert.equal(problemsSig(a), problemsSig(b));
  const c = sliceProblems(
    new Map([...all, ['figures.staffing.actual', [p('figures.staffing.actual', '不能为负数')]]]),
    SECTION_KEYS.staffing,
  );
  assert.notEqual(problemsSig(a), problemsSig(c));
});
