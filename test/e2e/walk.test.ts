import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { EvaluationSchema } from '../../src/core/evaluation.js';
import { score, type ScoreResult } from '../../src/core/scoring.js';
import { builtinFrameworks } from '../../src/load/frameworks.js';
import { scoreFile } from '../../src/load/evaluations.js';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { leaves as leafNodes } from '../../src/core/framework/model.js';
import {
  ensureWebBuild,
  launch,
  lowContrast,
  type Region,
  type Session,
  shot,
  signIn,
  startRegion,
  unlabelledInputs,
} from './support.js';

/**
 * The web app end to end, in headless Chromium, as issue 4 walks it:
 * the bureau creates a round → the unit fills seed 002 (益阳赫山)'s figures → the live score equals
 * the core's score of the same document and the server's stored result → the leader approves →
 * the bureau returns it with a comment → the unit fixes it → the bureau approves → the dashboard
 * shows the unit. On the way: inline validation naming the field, nothing lost on reload or a
 * network error, keyboard use, labels on every input and WCAG AA contrast; the framework editor.
 * Screenshots of each main page go to test-output/screenshots/.
 */

const UNIT = '益阳市赫山区人民政府办公室';
const ROUND = '2021年度部门整体支出绩效自评';
/** antd puts a space between the two characters of a two-character Chinese button (“提 交”). */
const btn = (text: string) => new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`);

let region: Region;
let browser: Browser;
let base: string;
let evaluationId: number;
const sessions: Session[] = [];

async function as(username: string, shotName?: string): Promise<Page> {
  const s = await signIn(browser, base, username, shotName ? { shot: shotName } : {});
  sessions.push(s);
  return s.page;
}

async function a11y(page: Page, where: string): Promise<void> {
  const unlabelled = await unlabelledInputs(page);
  assert.deepEqual(unlabelled, [], `${where}: inputs without a label`);
  const low = await lowContrast(page);
  assert.deepEqual(low, [], `${where}: text below WCAG AA contrast`);
}

async function saved(page: Page): Promise<void> {
  await page.waitForTimeout(250);
  await page.locator('.jx-save[data-state="saved"]').waitFor({ timeout: 45_000 });
  await page.waitForTimeout(300); // the live check runs 150 ms after the last change
}

async function status(page: Page, label: string): Promise<void> {
  await page.locator('.jx-page-header .jx-tag[data-status]').filter({ hasText: label }).waitFor({ timeout: 30_000 });
}

/** The live total on the page, the core's score of the stored document, and the server's stored result. */
async function compareWithCore(page: Page): Promise<{ live: number; core: ScoreResult; stored: number }> {
  const live = Number(await page.getByTestId('live-total').getAttribute('data-total'));
  const detail = await page.evaluate(async (id) => (await fetch(`/api/evaluations/${id}`)).json(), evaluationId);
  const fw = builtinFrameworks().get('yiyang-heshan-2021', 1)!;
  const core = score(fw, EvaluationSchema.parse(detail.document));
  assert.equal(live, core.total, 'the live total is the core’s score of the saved document');
  assert.equal(detail.result.total, core.total, 'the server’s stored result is the core’s');
  assert.equal(Number(detail.total), core.total);
  const rows = await page.$$eval('tr[data-indicator]', (trs) =>
    trs.map(
      (tr) =>
        [
          tr.getAttribute('data-indicator')!,
          Number(tr.querySelector('.jx-score')?.getAttribute('data-score')),
        ] as const,
    ),
  );
  assert.equal(rows.length, core.indicators.length, 'one row per scored indicator');
  for (const [id, s] of rows) assert.equal(s, core.indicators.find((i) => i.id === id)?.score, `score of ${id}`);
  const grade = await page.getByTestId('live-grade').textContent();
  assert.equal(grade, core.grade);
  return { live, core, stored: detail.result.total };
}

async function act(page: Page, button: string, comment?: string): Promise<void> {
  await page
    .getByRole('button', { name: btn(button) })
    .first()
    .click();
  const dialog = page.locator('.ant-modal:visible');
  await dialog.waitFor();
  if (comment !== undefined) await dialog.getByLabel(/意见/).fill(comment);
  await dialog.getByRole('button', { name: /^\s*(确\s*定|提\s*交)\s*$/ }).click();
}

describe('web app, end to end in headless Chromium', { timeout: 900_000 }, () => {
  before(async () => {
    ensureWebBuild();
    region = await startRegion();
    base = region.server.url;
    browser = await launch();
  });
  after(async () => {
    for (const s of sessions) await s.context.close().catch(() => undefined);
    await browser?.close();
    await region?.close();
  });

  test('1 the bureau admin creates a round on the 赫山 framework', async () => {
    const page = await as('hs-admin', '01-login');
    await a11y(page, 'home (bureau)');
    await page.getByRole('link', { name: '评价轮次' }).first().click();
    await page.getByRole('button', { name: /新建评价轮次/ }).click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.getByLabel('轮次名称').fill(ROUND);
    await dialog.getByLabel('评价年度').fill('2021');
    await dialog.getByLabel('指标框架').click();
    await page.keyboard.type('赫山');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: 'yiyang-heshan-2021' })
      .first()
      .click();
    const deadline = new Date(Date.now() + 30 * 86_400_000);
    const d = `${deadline.getFullYear()}-${String(deadline.getMonth() + 1).padStart(2, '0')}-${String(deadline.getDate()).padStart(2, '0')} 18:00`;
    await dialog.getByLabel('截止时间').click();
    await dialog.getByLabel('截止时间').fill(d);
    await page.keyboard.press('Enter');
    await page.locator('.ant-picker-dropdown').last().waitFor({ state: 'hidden' });
    assert.equal(await dialog.getByLabel('截止时间').inputValue(), d);
    await a11y(page, 'new round dialog');
    await shot(page, '02-new-round');
    await dialog.getByRole('button', { name: btn('新建') }).click();
    await page.locator('.ant-table-row').filter({ hasText: ROUND }).waitFor();
    const row = page.locator('.ant-table-row').filter({ hasText: ROUND });
    assert.match((await row.textContent()) ?? '', /赫山区部门整体支出绩效自评指标计分表/);
    assert.match((await row.textContent()) ?? '', new RegExp(d.slice(0, 10)));
    await shot(page, '03-rounds');
  });

  test('2 the unit fills seed 002’s figures; the live score is the core’s; nothing typed is lost', async () => {
    const page = await as('hs-filler');
    const todo = page.locator('.jx-todo-item').filter({ hasText: ROUND });
    await todo.waitFor();
    await shot(page, '04-home-unit-todo');
    await todo.getByRole('button', { name: /开始填报/ }).click();
    await page.waitForURL(/\/evaluations\/\d+$/);
    evaluationId = Number(page.url().split('/').pop());
    await page.getByTestId('live-total').waitFor();
    await status(page, '草稿');

    // Everything seed 002 prints, typed in as a filler would: 年初基本支出 585.99、项目支出 251.70；编制 77、
    // 在职 69; the 21 project items; 在职人员控制率 as printed (90%). The report gives no judgment per
    // 评价要点 or 定性档次, its 自评分 stands for them (full marks on every 要点 indicator, 4 of 5 on the
    // 定性 ones): here they are entered as what they mean (every 要点 ticked, 达成 at 80%).
    const seed = scoreFile(path.join(PACKAGE_ROOT, 'examples', 'seeds', '002_a0eb83d49e186f2c.yaml'));
    const fw = builtinFrameworks().get('yiyang-heshan-2021', 1)!;
    await page.getByLabel('基本支出预算数').fill('585.99');
    await page.getByLabel('项目支出预算数').fill('251.70');
    await page.getByLabel('核定编制数', { exact: true }).fill('77');
    await page.getByLabel('实有在职人数', { exact: true }).fill('69');
    for (const [i, task] of (seed.evaluation.tasks ?? []).entries()) {
      await page.getByRole('button', { name: /添加任务/ }).click();
      await page.getByLabel(`第${i + 1}行任务名称`).fill(task.name);
      await page.getByLabel(`第${i + 1}行预算数`).fill(task.budget!.toFixed(2));
    }
    assert.equal(seed.evaluation.tasks?.length, 21);
    await page.getByLabel('在职人员控制率 实际完成值').fill('90%');
    const leaves = leafNodes(fw.roots);
    const checklists = leaves.filter((n) => n.rule?.kind === 'checklist');
    assert.equal(checklists.length, 8);
    for (const n of checklists) {
      const boxes = page.locator(`tr[data-indicator="${n.id}"]`).getByRole('checkbox');
      const count = await boxes.count();
      assert.ok(count >= 2, `${n.id}: its 评价要点 are listed`);
      for (let k = 0; k < count; k++) await boxes.nth(k).check();
    }
    const qualitative = leaves.filter((n) => n.rule?.kind === 'qualitative').map((n) => n.name);
    assert.deepEqual(qualitative, ['经济效益', '社会效益', '生态效益']);
    for (const id of qualitative) {
      await page.getByLabel(`${id} 定性档次`).click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ hasText: /^达成（/ })
        .click();
      await page.waitForFunction(
        () => document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').length === 0,
      );
      await page.getByLabel(`${id} 档内比例（分值的百分比）`).fill('80');
    }
    await saved(page);
    const first = await compareWithCore(page);
    // The live score equals the core's score of the seed example itself, indicator by indicator.
    assert.equal(first.live, seed.result.total);
    assert.equal(first.live, 31);
    for (const exp of seed.result.indicators)
      assert.equal(
        first.core.indicators.find((i) => i.id === exp.id)?.score,
        exp.score,
        `score of ${exp.id} as the seed example scores`,
      );
    assert.ok(
      first.core.findings.some((f) => f.code === 'actual-vs-figures'),
      '90% against 69÷77 = 89.61% is flagged',
    );

    // The explanation of a score on hover/focus.
    await page.locator('tr[data-indicator="在职人员控制率"] .jx-score').focus();
    await page.locator('.ant-tooltip:visible').filter({ hasText: '实际完成值90%' }).waitFor();
    await page.keyboard.press('Escape');

    // Inline validation in Chinese naming the field; nothing is sent while it stands.
    await page.getByLabel('年初预算数', { exact: true }).fill('837.694');
    await page
      .locator('.ant-form-item')
      .filter({ hasText: '年初预算数' })
      .getByText('金额以万元为单位，最多保留两位小数')
      .waitFor();
    await page.locator('.jx-save[data-state="invalid"]').waitFor();
    await page
      .locator('#sec-findings')
      .getByText(/年初预算数.*最多保留两位小数/)
      .waitFor();
    await shot(page, '05-workspace-validation', { at: '#sec-budget' });
    await page.getByLabel('年初预算数', { exact: true }).fill('');
    await saved(page);

    // Keyboard: from one field to the next with Tab, and type.
    await page.getByLabel('联系人及电话').focus();
    await page.keyboard.type('李填报 0737-4220000');
    await page.keyboard.press('Tab');
    await page.keyboard.type('完成区政府办文办会办事等年度工作任务。');
    assert.equal(await page.getByLabel('年度绩效目标').inputValue(), '完成区政府办文办会办事等年度工作任务。');

    // Reload before the autosave: the text comes back from this browser and is then saved.
    await page.reload();
    await page.getByTestId('live-total').waitFor();
    assert.equal(await page.getByLabel('联系人及电话').inputValue(), '李填报 0737-4220000');
    assert.equal(await page.getByLabel('年度绩效目标').inputValue(), '完成区政府办文办会办事等年度工作任务。');
    await saved(page);

    // A network error: the change stays here, the save retries and lands.
    const ctx = page.context();
    await ctx.route('**/api/evaluations/*', (r) => (r.request().method() === 'PUT' ? r.abort('failed') : r.continue()));
    await page.getByLabel('第3行任务名称').fill('区长热线经费（12345）');
    await page.locator('.jx-save[data-state="offline"]').waitFor({ timeout: 30_000 });
    await ctx.unroute('**/api/evaluations/*');
    await saved(page);
    const stored = await page.evaluate(async (id) => (await fetch(`/api/evaluations/${id}`)).json(), evaluationId);
    assert.equal(stored.document.tasks[2].name, '区长热线经费（12345）');
    assert.equal(stored.document.contact, '李填报 0737-4220000');

    // 佐证材料 for one indicator: uploaded, listed, counted on its row.
    await page.getByRole('button', { name: '资金使用合规性 佐证材料（0份）' }).click();
    const modal = page.locator('.ant-modal:visible');
    await modal.locator('input[type=file]').setInputFiles({
      name: '2021年财务收支审计意见.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% jixiao e2e evidence\n%%EOF\n'),
    });
    await modal.getByRole('link', { name: /2021年财务收支审计意见\.pdf/ }).waitFor();
    await a11y(page, 'evidence dialog');
    await modal
      .locator('.ant-modal-footer')
      .getByRole('button', { name: btn('关闭') })
      .click();
    await page.getByRole('button', { name: '资金使用合规性 佐证材料（1份）' }).waitFor();

    await a11y(page, 'workspace (editable)');
    await shot(page, '06-workspace-filled');
    await act(page, '提交单位负责人审核');
    await status(page, '待单位负责人审核');
  });

  test('3 the unit leader approves and sends it to the bureau', async () => {
    const page = await as('hs-leader');
    const todo = page.locator('.jx-todo-item').filter({ hasText: '审核本单位' });
    await todo.getByRole('button', { name: /去处理/ }).click();
    await status(page, '待单位负责人审核');
    await shot(page, '07-leader-review');
    await act(page, '审核通过，报送财政局', '同意报送。');
    await status(page, '待财政局审核');
  });

  test('4 the bureau reviewer returns it with a comment', async () => {
    const page = await as('hs-reviewer');
    await page.getByRole('link', { name: '审核队列' }).first().click();
    await page.getByRole('link', { name: UNIT }).first().click();
    await status(page, '待财政局审核');
    const { live } = await compareWithCore(page);
    assert.ok(live > 0);
    await a11y(page, 'review (read-only workspace)');
    await shot(page, '08-bureau-review');
    await act(page, '退回修改', '请补充年初预算数和预算执行数，并说明预算执行率未达到100%的原因。');
    await status(page, '已退回');
  });

  test('5 the unit fixes it: the comment is shown, figures added, score follows, resubmitted', async () => {
    const page = await as('hs-filler');
    const todo = page.locator('.jx-todo-item').filter({ hasText: '已退回' });
    await todo.getByRole('button', { name: /去处理/ }).click();
    await page.getByText('请补充年初预算数和预算执行数').first().waitFor();
    const before = Number(await page.getByTestId('live-total').getAttribute('data-total'));
    await page.getByLabel('年初预算数', { exact: true }).fill('837.69');
    await page.getByLabel('预算执行数', { exact: true }).fill('800.00');
    await saved(page);
    const reason = page.getByLabel('预算执行率 偏差原因');
    await page.locator('tr[data-indicator="预算执行率"]').getByText('未达到指标值，请填写偏差原因').waitFor();
    await reason.fill('部分支出因工作不可预见，无法纳入年初预算，年末结余37.69万元。');
    await saved(page);
    const { core } = await compareWithCore(page);
    assert.ok(core.total > before, `the total rises with the figures (${before} → ${core.total})`);
    const exec = core.indicators.find((i) => i.id === '预算执行率')!;
    assert.equal(exec.score, 3.82, '800 ÷ 837.69 = 95.50% of 4 points');
    await shot(page, '09-workspace-fixed', { at: 'tr[data-indicator="预算执行率"]' });
    await act(page, '提交单位负责人审核');
    await status(page, '待单位负责人审核');
    const leader = await as('hs-leader');
    await leader.goto(`${base}/evaluations/${evaluationId}`);
    await act(leader, '审核通过，报送财政局', '已按意见修改。');
    await status(leader, '待财政局审核');
  });

  test('6 the bureau approves; the dashboard shows the unit', async () => {
    const page = await as('hs-reviewer');
    await page.goto(`${base}/evaluations/${evaluationId}`);
    await status(page, '待财政局审核');
    await act(page, '审核通过');
    await status(page, '已通过');
    const { core } = await compareWithCore(page);

    // 导出: the Word file as the server writes it, with the unit and the total the page shows; the preview in a new tab.
    await page
      .getByRole('button', { name: /导出自评表和报告/ })
      .first()
      .click();
    const [word] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: /下载 Word/ }).click(),
    ]);
    assert.match(word.suggestedFilename(), /^益阳市赫山区人民政府办公室2021年度.*\.docx$/);
    const docx = await JSZip.loadAsync(readFileSync((await word.path())!));
    const body = (await docx.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    assert.ok(
      body.includes(`得分${core.total.toFixed(2)}分`) || body.includes(`${core.total.toFixed(2)}分`),
      `the total ${core.total} is in the Word file`,
    );
    await page
      .getByRole('button', { name: /导出自评表和报告/ })
      .first()
      .click();
    const [preview] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('menuitem', { name: /预览自评报告/ }).click(),
    ]);
    await preview.getByText('部门整体支出绩效情况').first().waitFor();
    await shot(preview, '10a-report-preview');
    await preview.close();
    await page.getByRole('link', { name: '地区看板' }).first().click();
    const row = page.locator('.ant-table-row').filter({ hasText: UNIT });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', new RegExp(core.total.toFixed(2)));
    await page.locator('canvas').first().waitFor();
    await page.waitForTimeout(600); // chart animation
    await a11y(page, 'dashboard');
    await shot(page, '10-dashboard');
    await page.getByRole('link', { name: '评价轮次' }).first().click();
    await page.getByRole('link', { name: ROUND }).click();
    await page.locator('.ant-table-row').filter({ hasText: '益阳市赫山区发展和改革局' }).getByText('未开始').waitFor();
    await shot(page, '11-round-progress');

    // 批量导出: the round as one zip, with a progress bar, a folder per unit.
    await page.getByRole('button', { name: /批量导出自评表和报告/ }).click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.getByRole('button', { name: /开始导出/ }).click();
    await dialog.getByTestId('export-progress').filter({ hasText: '已完成 2/2 个文件' }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(400);
    await a11y(page, 'round export dialog');
    await shot(page, '11a-round-export');
    const [zipFile] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: /下载/ }).click(),
    ]);
    assert.equal(zipFile.suggestedFilename(), `${ROUND}.zip`);
    const zip = await JSZip.loadAsync(readFileSync((await zipFile.path())!));
    assert.deepEqual(
      Object.keys(zip.files)
        .filter((n) => !zip.files[n]!.dir)
        .map((n) => n.replace(/\/.*\./, '/*.'))
        .sort(),
      [`${UNIT}/*.docx`, `${UNIT}/*.xlsx`],
    );
  });

  test('7 the admin copies the framework, adds a 个性指标, reweights with live validation, saves', async () => {
    const page = await as('hs-admin');
    await page.getByRole('link', { name: '指标框架' }).first().click();
    await shot(page, '12-frameworks');
    const row = page.locator('.ant-table-row').filter({ hasText: 'yiyang-heshan-2021' });
    await row.getByRole('link', { name: /查看/ }).click();
    await page.getByText('职责履行').first().waitFor();
    await shot(page, '13-framework-tree');
    await page.getByRole('button', { name: /复制并编辑/ }).click();
    await page.getByLabel('实际完成率 分值').fill('6');
    await page.getByTestId('fw-validation').filter({ hasText: '还有' }).waitFor();
    await page.getByText('“产出 / 职责履行”分值30分，下级指标分值合计28分，两者不等').first().waitFor();
    assert.equal(await page.getByRole('button', { name: /保存为新版本/ }).isDisabled(), true);
    await page.waitForTimeout(400); // the save button's colour transition
    await shot(page, '14-framework-editor-invalid', { at: '[data-testid="fw-validation"]' });
    await page.getByRole('button', { name: '在“职责履行”下添加指标' }).click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.getByLabel('指标名称').fill('政务信息报送及时率');
    await dialog.getByLabel('分值').fill('2');
    await dialog.getByLabel('指标值').fill('≥95%');
    await dialog.getByRole('button', { name: btn('添加') }).click();
    await page.getByTestId('fw-validation').filter({ hasText: '各级分值相加无误' }).waitFor();
    await page.waitForFunction(() => !document.querySelector('.ant-btn-primary[disabled]'));
    await page.waitForTimeout(400); // the save button's colour transition
    await a11y(page, 'framework editor');
    await shot(page, '15-framework-editor-valid');
    await page.getByRole('button', { name: /保存为新版本/ }).click();
    await page.waitForURL(/\/frameworks\/\d+$/);
    await page.getByText('政务信息报送及时率').first().waitFor();
    const list = await page.evaluate(async () => (await fetch('/api/web/frameworks')).json());
    const mine = list.find((f: { owner: string }) => f.owner === 'region');
    assert.equal(mine.frameworkId, 'yiyang-heshan-2021-r1');
    assert.equal(mine.basedOn.frameworkId, 'yiyang-heshan-2021');
  });

  test('8 two people edit at once: different fields merge by themselves, the same field asks', async () => {
    const admin = await as('hs-admin');
    await admin.goto(`${base}/evaluations/${evaluationId}`);
    await status(admin, '已通过');
    await act(admin, '重新打开', '请补充联系人电话。');
    await status(admin, '已退回');
    const a = await as('hs-filler');
    const b = await as('hs-filler');
    for (const p of [a, b]) {
      await p.goto(`${base}/evaluations/${evaluationId}`);
      await p.getByTestId('live-total').waitFor();
    }
    await a.getByLabel('联系人及电话').fill('李填报 0737-4220001');
    await saved(a);
    // B's page still has the version before A's save: the server answers 409 and B merges.
    await b.getByLabel('年度绩效目标').fill('完成区政府办文办会办事任务，服务全区经济社会发展。');
    await saved(b);
    await b.getByText('已将双方的修改合并保存').waitFor();
    assert.equal(
      await b.getByLabel('联系人及电话').inputValue(),
      '李填报 0737-4220001',
      'A’s change shows on B’s page',
    );
    let stored = await b.evaluate(async (id) => (await fetch(`/api/evaluations/${id}`)).json(), evaluationId);
    assert.equal(stored.document.contact, '李填报 0737-4220001');
    assert.equal(stored.document.goals, '完成区政府办文办会办事任务，服务全区经济社会发展。');

    // Both change the same field: B is asked, sees both values, keeps hers.
    await a.reload();
    await a.getByTestId('live-total').waitFor();
    await a.getByLabel('年度绩效目标').fill('A 的目标');
    await saved(a);
    await b.getByLabel('年度绩效目标').fill('B 的目标');
    const dialog = b.locator('.ant-modal:visible').filter({ hasText: '保存冲突' });
    await dialog.waitFor({ timeout: 45_000 });
    await dialog.getByText('年度绩效目标：我的“B 的目标”，最新“A 的目标”').waitFor();
    await b.waitForTimeout(400); // the dialog's fade-in and its buttons' colour transition
    await a11y(b, 'conflict dialog');
    await shot(b, '16-conflict');
    await dialog.getByRole('button', { name: /这些栏目保留我的修改/ }).click();
    await saved(b);
    stored = await b.evaluate(async (id) => (await fetch(`/api/evaluations/${id}`)).json(), evaluationId);
    assert.equal(stored.document.goals, 'B 的目标');
    assert.equal(stored.document.contact, '李填报 0737-4220001');
  });

  test('9 no console errors or uncaught exceptions on any page', () => {
    const errors = sessions.flatMap((s) => s.errors);
    assert.deepEqual(errors, []);
  });
});
