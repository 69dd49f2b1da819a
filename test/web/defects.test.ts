/** Issue 14.7, the web app's smaller defects that are pure functions: blank totals, framework names, pages per role. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PAGE_ROLES } from '../../web/src/app/pages-access.js';
import { issueCounts, rateOf, totalOf, uploadLimitText } from '../../web/src/app/totals.js';
import { frameworkOptionLabel } from '../../web/src/frameworks/label.js';
import { needsAttention } from '../../web/src/review/attention.js';

test('a blank 执行数 column totals nothing (shown “—”), not 0.00 and 0.00 %', () => {
  assert.equal(totalOf([undefined, null, '']), undefined);
  assert.equal(rateOf(totalOf([undefined]), totalOf([100])), undefined);
  assert.equal(totalOf([0.1, 0.2, undefined]), 0.3, 'no float artefacts');
  assert.equal(rateOf(50, 200), 25);
  assert.equal(rateOf(50, 0), undefined);
});

test('money totals are exact decimals to 2 places, half away from zero, without float artefacts', () => {
  assert.equal(totalOf([0.1, 0.2]), 0.3);
  assert.equal(totalOf([1.005]), 1.01, '1.005 is 1.00499… as a float; the total still rounds it up');
  assert.equal(totalOf([-1.005]), -1.01);
  assert.equal(totalOf([585.99, 251.7]), 837.69);
  assert.equal(totalOf([0.001, 0.004]), 0.01, 'decimals beyond the cent add up before rounding');
  assert.equal(totalOf([0.3, -0.1, -0.2]), 0);
  assert.equal(totalOf([99999999.99, 0.01]), 100000000);
  assert.equal(totalOf([1e-7]), 0);
  // Many small amounts: a float sum drifts (0.1 × 10 = 0.9999999999999999); the exact one does not.
  assert.equal(totalOf(Array.from({ length: 10 }, () => 0.1)), 1);
  assert.equal(totalOf([10.01, 20.02, 30.03])?.toFixed(2), '60.06');
  for (let i = 0; i < 200; i++) {
    const cents = Array.from({ length: 7 }, (_, k) => ((i * 7919 + k * 104729) % 2000001) - 1000000);
    const expected = cents.reduce((a, c) => a + c, 0);
    assert.equal(totalOf(cents.map((c) => c / 100))?.toFixed(2), (expected / 100).toFixed(2));
  }
});

test('the framework dropdown names a version by name, region, year and version — no internal id', () => {
  const label = frameworkOptionLabel({
    name: '晋中市部门整体支出绩效自评指标体系',
    region: '晋中市',
    year: 2021,
    version: 2,
    owner: 'region',
  });
  assert.equal(label, '晋中市部门整体支出绩效自评指标体系（晋中市 · 2021年 · 第2版） · 本地区自建');
  assert.doesNotMatch(label, /[a-z]-/);
});

test('the public role gets a 403 page for the review queue and a round’s progress', () => {
  for (const page of ['review', 'round', 'rounds', 'frameworkEdit'])
    assert.equal(PAGE_ROLES[page]!('public'), false, page);
  assert.equal(PAGE_ROLES.review!('unit_leader'), true, 'a leader’s 待我审核');
  assert.equal(PAGE_ROLES.review!('bureau_reviewer'), true);
});

test('the upload box states the types and the size limit the server enforces', () => {
  const t = uploadLimitText({ attachmentMaxBytes: 10 * 1048576, attachmentTypes: ['pdf', 'docx', 'jpg'] });
  assert.equal(t, '支持 PDF、DOCX、JPG；单个文件不超过 10 MB；同一文件不会重复上传');
});

test('the sticky bar and the 问题与提示 section count the same issues', () => {
  const c = issueCounts(
    [{ level: 'error' }, { level: 'warning' }],
    [{ severity: 'error' }, { severity: 'warning' }, { severity: 'info' }],
  );
  assert.deepEqual(c, { errors: 1, warnings: 3, total: 4 });
});

test('the review list highlights a row the rules moved by a point or more, or whose grade 待核实 may change', () => {
  assert.equal(needsAttention({ diff: -1, gradeMayChange: false }), true);
  assert.equal(needsAttention({ diff: 1.5, gradeMayChange: false }), true);
  assert.equal(needsAttention({ diff: 0.99, gradeMayChange: false }), false);
  assert.equal(needsAttention({ diff: null, gradeMayChange: true }), true);
  assert.equal(needsAttention({ diff: null, gradeMayChange: false }), false);
});
