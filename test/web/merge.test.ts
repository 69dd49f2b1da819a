import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { merge3, UNKNOWN_BASE } from '../../web/src/workspace/merge.js';

/** The web workspace's three-way merge when two people save the same evaluation. */
const base = {
  contact: '李',
  goal: 'a',
  figures: { budget: { initial: 100, executed: 90 } },
  tasks: [{ name: 'x', budget: 1 }],
  indicators: { 预算执行率: { deviationReason: 'r' } },
};

const cases: Array<{ name: string; mine: unknown; theirs: unknown; merged: unknown; conflicts: string[][] }> = [
  { name: 'nothing changed', mine: base, theirs: base, merged: base, conflicts: [] },
  {
    name: 'only mine changed',
    mine: { ...base, goal: 'b' },
    theirs: base,
    merged: { ...base, goal: 'b' },
    conflicts: [],
  },
  {
    name: 'only theirs changed',
    mine: base,
    theirs: { ...base, contact: '王' },
    merged: { ...base, contact: '王' },
    conflicts: [],
  },
  {
    name: 'different fields: both kept',
    mine: { ...base, goal: 'b' },
    theirs: { ...base, contact: '王' },
    merged: { ...base, goal: 'b', contact: '王' },
    conflicts: [],
  },
  {
    name: 'different leaves of one object: both kept',
    mine: { ...base, figures: { budget: { initial: 120, executed: 90 } } },
    theirs: { ...base, figures: { budget: { initial: 100, executed: 95 } } },
    merged: { ...base, figures: { budget: { initial: 120, executed: 95 } } },
    conflicts: [],
  },
  {
    name: 'same field, same value: no conflict',
    mine: { ...base, goal: 'c' },
    theirs: { ...base, goal: 'c' },
    merged: { ...base, goal: 'c' },
    conflicts: [],
  },
  {
    name: 'same field, different values: a conflict, mine kept by default',
    mine: { ...base, goal: 'b' },
    theirs: { ...base, goal: 'c' },
    merged: { ...base, goal: 'b' },
    conflicts: [['goal']],
  },
  {
    name: 'a key I added, one they removed',
    mine: { ...base, remarks: 'n' },
    theirs: { ...base, contact: undefined },
    merged: { goal: 'a', figures: base.figures, tasks: base.tasks, indicators: base.indicators, remarks: 'n' },
    conflicts: [],
  },
  {
    name: 'the task list is one field: both changed it → a conflict',
    mine: { ...base, tasks: [{ name: 'x', budget: 2 }] },
    theirs: { ...base, tasks: [{ name: 'x', budget: 1 }, { name: 'y' }] },
    merged: { ...base, tasks: [{ name: 'x', budget: 2 }] },
    conflicts: [['tasks']],
  },
  {
    name: 'they cleared an object I edited inside: a conflict',
    mine: { ...base, indicators: { 预算执行率: { deviationReason: 's' } } },
    theirs: { ...base, indicators: undefined },
    merged: { ...base, indicators: { 预算执行率: { deviationReason: 's' } } },
    conflicts: [['indicators']],
  },
];

describe('merge3', () => {
  for (const c of cases) {
    test(c.name, () => {
      const r = merge3(base, c.mine, c.theirs);
      assert.deepEqual(JSON.parse(JSON.stringify(r.merged)), JSON.parse(JSON.stringify(c.merged)));
      assert.deepEqual(r.conflicts, c.conflicts);
    });
  }
  test('prefer theirs takes their value on a conflict only', () => {
    const r = merge3(base, { ...base, goal: 'b', contact: '张' }, { ...base, goal: 'c' }, 'theirs');
    assert.deepEqual(r.merged, { ...base, goal: 'c', contact: '张' });
    assert.deepEqual(r.conflicts, [['goal']]);
  });
  test('unknown base: every difference is a conflict, equal fields are not', () => {
    const r = merge3(UNKNOWN_BASE, { ...base, goal: 'b' }, { ...base, contact: '王' });
    assert.deepEqual(r.conflicts, [['contact'], ['goal']]);
  });
});
