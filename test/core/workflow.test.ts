// The one workflow table (src/core/workflow.ts): who may do what from which status, and the role groups built on it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ACTIONS,
  allowedActions,
  BUREAU_STAFF_ROLES,
  isBureauStaffRole,
  isUnitStaffRole,
  mayEditDocument,
  type Role,
  ROLES,
  STATUSES,
  type Status,
  WORKFLOW,
} from '../../src/core/workflow.js';

test('role groups: bureau staff, unit people and the public split the roles', () => {
  const staff = ROLES.filter(isBureauStaffRole);
  const unit = ROLES.filter(isUnitStaffRole);
  assert.deepEqual(staff, [...BUREAU_STAFF_ROLES]);
  assert.deepEqual(unit, ['unit_filler', 'unit_leader']);
  assert.deepEqual(
    ROLES.filter((r) => !isBureauStaffRole(r) && !isUnitStaffRole(r)),
    ['public'],
  );
  assert.equal(isBureauStaffRole('system'), false);
  assert.equal(isUnitStaffRole('system'), false);
});

// The workflow as the paper process has it, written out: status → role → the buttons that role sees
// on its own unit's evaluation (bureau roles act on any in their region).
const EXPECTED: Record<Status, Partial<Record<Role, string[]>>> = {
  draft: { unit_filler: ['submit'] },
  returned: { unit_filler: ['submit'] },
  submitted_leader: { unit_leader: ['leader-approve', 'leader-return'] },
  submitted_bureau: { bureau_reviewer: ['approve', 'return'], bureau_admin: ['approve', 'return'] },
  approved: { bureau_admin: ['lock', 'reopen'] },
  locked: { bureau_admin: ['reopen'] },
};

test('allowedActions: each status and role gets exactly the paper process’s actions', () => {
  for (const status of STATUSES)
    for (const role of ROLES) {
      assert.deepEqual(
        allowedActions(status, { role, ownUnit: true }),
        EXPECTED[status][role] ?? [],
        `${status} / ${role}`,
      );
      // Another unit's evaluation: unit roles may do nothing to it.
      if (isUnitStaffRole(role)) assert.deepEqual(allowedActions(status, { role, ownUnit: false }), []);
    }
});

test('every going back needs a comment; unit actions are on the own unit only; only the filler edits a draft', () => {
  for (const a of ACTIONS) {
    const t = WORKFLOW[a];
    assert.equal(t.comment === 'required', t.tone === 'back', a);
    assert.equal(
      t.ownUnit,
      t.roles.every((r) => isUnitStaffRole(r)),
      a,
    );
    assert.ok(t.label && t.button && t.done, a);
  }
  const editors = ROLES.filter((role) => STATUSES.some((s) => mayEditDocument(s, { role, ownUnit: true })));
  assert.deepEqual(editors, ['unit_filler']);
  assert.deepEqual(
    STATUSES.filter((s) => mayEditDocument(s, { role: 'unit_filler', ownUnit: true })),
    ['draft', 'returned'],
  );
});
