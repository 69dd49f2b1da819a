/** Issue 14.7, the web app's smaller defects that are pure functions: blank totals, framework names, pages per role. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PAGE_ROLES } from '../../web/src/app/pages-access.js';
import { issueCounts, rateOf, totalOf, uploadLimitText } from '../../web/src/app/totals.js';
import { frameworkOptionLabel } from '../../web/src/frameworks/label.js';

test('a blank 执行数 column totals nothing (shown “—”), not 0.00 and 0.00 %', () => {
  assert.equal(totalOf([undefined, null, '']), undefined);
  assert.equal(rateOf(totalOf([undefined]), totalOf([100])), undefined);
  assert.equal(totalOf([0.1, 0.2, undefined]), 0.3, 'no float artefacts');
  assert.equal(rateOf(50, 200), 25);
  assert.equal(rateOf(50, 0), undefined);
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
