// The whole year for one unit in the browser: targets filed → approved → two monitoring reports (one lagging) → 自评
// prefilled → a lowered 指标值 refused and flagged → approved → 整改 → published and readable without login.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { ensureWebBuild, launch, type Region, type Session, shot, signIn, startRegion } from './support.js';

const ex = (f: string) => {
  const d = parse(readFileSync(path.join(PACKAGE_ROOT, 'examples', f), 'utf8')) as Record<string, unknown>;
  delete d.unit;
  delete d.source;
  return d;
};

/** The API through the signed-in page: its cookie, the session's CSRF token. */
async function call(page: Page, method: string, url: string, body?: unknown) {
  const origin = new URL(page.url()).origin;
  const me = await page.request.get(`${origin}/api/auth/me`);
  const csrf = ((await me.json()) as { csrfToken: string }).csrfToken;
  const r = await page.request.fetch(`${origin}${url}`, {
    method,
    headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' },
    ...(body !== undefined && { data: JSON.stringify(body) }),
  });
  return { status: r.status(), body: r.headers()['content-type']?.includes('json') ? await r.json() : await r.text() };
}

describe('the whole year in the browser', { concurrency: 1 }, () => {
  let region: Region;
  let browser: Browser;
  let base: string;
  const sessions: Session[] = [];
  let targetId = 0;
  let evId = 0;
  const as = async (u: string) => {
    const s = await signIn(browser, base, u);
    sessions.push(s);
    return s.page;
  };

  before(async () => {
    ensureWebBuild();
    region = await startRegion();
    base = region.server.url;
    browser = await launch();
  });
  after(async () => {
    for (const s of sessions) assert.deepEqual(s.errors, [], 'no console errors');
    await browser?.close();
    await region?.close();
  });

  test('targets filed by the unit, submitted from the page, approved by the bureau', async () => {
    const f = await as('hs-filler');
    const c = await call(f, 'POST', '/api/targets', { year: 2021, document: ex('cycle/targets-2021.yaml') });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    targetId = c.body.id;
    await f.goto(`${base}/targets/${targetId}`);
    await f.getByText('指标值“良好”没有数值').waitFor();
    await shot(f, 'cycle-1-targets-form');
    await f.getByRole('button', { name: '报送财政局' }).click();
    await f.getByText('待财政局审核').first().waitFor();
    const r = await as('hs-reviewer');
    await r.goto(`${base}/targets/${targetId}`);
    await r.getByRole('button', { name: '批复绩效目标' }).waitFor();
    await shot(r, 'cycle-2-targets-review');
    await r.getByRole('button', { name: '批复绩效目标' }).click();
    await r.getByText(/已批复（第1版/).waitFor();
  });

  test('two monitoring reports, the first lagging 序时进度; the bureau’s dashboard and 督促整改', async () => {
    const f = sessions[0]!.page;
    for (const m of ['06', '09']) {
      const doc = ex(`cycle/monitoring-2021-${m}.yaml`);
      const r = await call(f, 'POST', '/api/monitoring', { year: 2021, month: Number(m), document: doc });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.progress.lagging, m === '06');
    }
    const r = sessions[1]!.page;
    await r.goto(`${base}/monitoring`);
    // No round yet: the year is chosen on the page.
    await r.getByLabel('年度').fill('2021');
    await r.getByText('完成目标有风险的指标').waitFor();
    await r.getByText('区人大代表履职活动完成率（完全不可能）').waitFor();
    await shot(r, 'cycle-3-monitoring-dashboard');
    await f.goto(`${base}/monitoring`);
    await f.getByLabel('年度').fill('2021');
    await f.getByRole('button', { name: '查看1–6月监控表' }).click();
    await f.getByText(/预算执行率39\.51%，序时进度50\.00%，落后10\.49个百分点/).waitFor();
    await shot(f, 'cycle-4-monitoring-form');
    // The table as a file: the page offers it, the server writes it with the lag's warning.
    await f.getByRole('button', { name: '导出监控表' }).waitFor();
    const id = new URL(f.url()).pathname.split('/').pop();
    const file = await call(f, 'GET', `/api/monitoring/${id}/document?format=html`);
    assert.equal(file.status, 200);
    assert.match(String(file.body), /执行率落后序时进度10\.49个百分点/);
  });

  test('the 自评 starts from the approved targets; a lowered 指标值 is refused; full marks against 完全不可能 flagged', async () => {
    const a = await as('hs-admin');
    const fws = await call(a, 'GET', '/api/frameworks');
    const fw = (fws.body as Array<{ id: number; frameworkId: string }>).find(
      (x) => x.frameworkId === 'zhengzhou-shangjie-2021',
    );
    assert.ok(fw, JSON.stringify(fws.body).slice(0, 200));
    const round = await call(a, 'POST', '/api/rounds', { name: '2021年度自评', year: 2021, frameworkVersionId: fw.id });
    assert.equal(round.status, 201, JSON.stringify(round.body));
    const f = sessions[0]!.page;
    const doc = ex('seeds/000_6ca4beea76738c10.yaml');
    const inds = doc.indicators as Record<string, Record<string, unknown>>;
    inds['区人大代表履职活动完成率'] = { ...inds['区人大代表履职活动完成率'], target: '≥90%' };
    const lowered = await call(f, 'POST', `/api/rounds/${round.body.id}/evaluations`, { document: doc });
    assert.equal(lowered.status, 400);
    assert.match(lowered.body.error.message, /指标值已随绩效目标批复锁定为“≥95%”/);
    // Left out, the 指标值 and tasks come from the approved targets.
    delete inds['区人大代表履职活动完成率']!.target;
    delete doc.tasks;
    const ev = await call(f, 'POST', `/api/rounds/${round.body.id}/evaluations`, { document: doc });
    assert.equal(ev.status, 201, JSON.stringify(ev.body).slice(0, 400));
    evId = ev.body.id;
    assert.equal(ev.body.document.indicators['区人大代表履职活动完成率'].target, '≥95%');
    assert.deepEqual(
      ev.body.document.tasks.map((t: { budget: number }) => t.budget),
      [66, 88, 676.78],
    );
    const cy = await call(f, 'GET', `/api/evaluations/${evId}/cycle`);
    assert.equal(cy.body.prefill.indicators['区人大代表履职活动完成率'].target, '≥95%');
    // Full marks against the September report's 完全不可能: the new inflation signal.
    assert.deepEqual(
      (cy.body.signals as Array<{ code: string }>).map((s) => s.code),
      ['impossible-full-marks'],
    );
    // A later save that lowers the 指标值 is refused too.
    const lower = structuredClone(ev.body.document);
    lower.indicators['区人大代表履职活动完成率'].target = '≥90%';
    const put = await call(f, 'PUT', `/api/evaluations/${evId}`, { version: ev.body.version, document: lower });
    assert.equal(put.status, 400);
    assert.match(put.body.error.message, /不能改为“≥90%”；确需调整请向财政局申请目标调整/);
    // In the workspace the approved 指标值 is shown, not offered as a field; the actual still is.
    await f.goto(`${base}/evaluations/${evId}`);
    const row = f.locator('tr', { has: f.getByRole('textbox', { name: '区人大代表履职活动完成率 实际完成值' }) });
    await row.getByText('≥95%（已批复）').waitFor();
    assert.equal(await f.getByRole('textbox', { name: '区人大代表履职活动完成率 指标值' }).count(), 0);
    let v = await call(f, 'POST', `/api/evaluations/${evId}/transitions`, {
      action: 'submit',
      version: ev.body.version,
    });
    assert.equal(v.status, 200, JSON.stringify(v.body).slice(0, 400));
    const l = await as('hs-leader');
    v = await call(l, 'POST', `/api/evaluations/${evId}/transitions`, {
      action: 'leader-approve',
      version: v.body.version,
    });
    assert.equal(v.status, 200);
    v = await call(sessions[1]!.page, 'POST', `/api/evaluations/${evId}/transitions`, {
      action: 'approve',
      version: v.body.version,
    });
    assert.equal(v.status, 200);
  });

  test('整改 from the report’s problems, handled by the unit', async () => {
    const f = sessions[0]!.page;
    const g = await call(f, 'POST', `/api/evaluations/${evId}/rectification`, {});
    assert.equal(g.status, 201);
    assert.ok(g.body.length >= 2);
    await f.goto(`${base}/rectification`);
    await f.getByText(/^一是在预算执行过程中/).waitFor();
    await shot(f, 'cycle-5-rectification');
  });

  test('published from the results page, readable without login; withdrawn, gone', async () => {
    const a = sessions[2]!.page;
    // The region publishes its target tables with the 自评 (全年管理设置 → 公开绩效目标表).
    const on = await call(a, 'PUT', '/api/cycle/settings', { publishTargets: true });
    assert.equal(on.status, 200, JSON.stringify(on.body));
    await a.goto(`${base}/results`);
    await a.getByRole('cell', { name: '优先保障' }).waitFor();
    await a.getByRole('button', { name: /^公\s*开$/ }).click();
    await a.getByText('已公开', { exact: true }).waitFor();
    await shot(a, 'cycle-6-results');
    const anon = await browser.newContext({ locale: 'zh-CN' });
    const p = await anon.newPage();
    await p.goto(`${base}/public/heshan`);
    await p.getByText('益阳市赫山区人民政府办公室').waitFor();
    await shot(p, 'cycle-7-public');
    const link = await p.getByRole('link', { name: '自评表和自评报告（网页）' }).getAttribute('href');
    const file = await p.request.get(`${base}${link}`);
    assert.equal(file.status(), 200);
    const tgt = await p.request.get(`${base}${link!.replace('report.html', 'targets.html')}`);
    assert.equal(tgt.status(), 200);
    assert.match(await tgt.text(), /区人大代表履职活动完成率/);
    const pubs = await call(a, 'GET', '/api/publications');
    const w = await call(a, 'POST', `/api/publications/${pubs.body[0].id}/withdraw`, { reason: '更正数据' });
    assert.equal(w.status, 200);
    assert.equal((await p.request.get(`${base}${link}`)).status(), 404);
    await anon.close();
  });
  test('the 自评 shows its year: targets locked, monitoring beside the actuals, last year’s open 整改 asking for its outcome', async () => {
    const f = sessions[0]!.page;
    const old = await call(f, 'POST', '/api/rectification', {
      year: 2020,
      source: 'report',
      problem: '2020年度预算执行进度偏慢，年底集中支出',
    });
    assert.equal(old.status, 201, JSON.stringify(old.body));
    await f.goto(`${base}/evaluations/${evId}`);
    const panel = f.locator('#sec-cycle');
    await panel.getByText(/绩效目标已批复（第1版）/).waitFor();
    await panel.getByRole('columnheader', { name: '1–6月实际完成值' }).waitFor();
    await panel.getByRole('columnheader', { name: '1–9月实际完成值' }).waitFor();
    await panel.getByText(/满分与监控结论矛盾，得分可能虚高/).waitFor();
    await panel.getByText('上年未完成的整改事项（1）').waitFor();
    await panel.getByRole('button', { name: '填写整改结果' }).click();
    const dialog = f.getByRole('dialog', { name: '上年整改事项：填写整改结果' });
    await dialog.getByLabel('整改结果').fill('已建立按月支出调度，2021年1–9月执行率达到序时进度');
    await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
    await panel.getByText('整改结果：已建立按月支出调度，2021年1–9月执行率达到序时进度').waitFor();
    const item = await call(f, 'GET', '/api/rectification?year=2020');
    assert.equal(item.body[0].outcome, '已建立按月支出调度，2021年1–9月执行率达到序时进度');
    await shot(f, 'cycle-8-workspace-cycle', { at: '#sec-cycle' });
  });

  test('the region’s settings page: a higher lag threshold takes the 1–6月 lagging warning away', async () => {
    const f = sessions[0]!.page;
    await f.goto(`${base}/monitoring`);
    await f.getByLabel('年度').fill('2021');
    await f.getByText('落后10.49个百分点').waitFor();
    const a = sessions[2]!.page;
    await a.goto(`${base}/`);
    await a.getByRole('link', { name: '全年管理设置' }).click();
    const box = a.getByLabel('执行进度预警阈值');
    await box.waitFor();
    assert.equal(await box.inputValue(), '10.00');
    await box.fill('12');
    await a.getByRole('button', { name: '保存设置' }).click();
    await a.getByText(/已保存本地区的全年管理设置/).waitFor();
    await shot(a, 'cycle-9-settings');
    const log = await call(a, 'GET', '/api/cycle/settings');
    assert.equal(log.body.lagThreshold, 12);
    await f.reload();
    await f.getByLabel('年度').fill('2021');
    await f.getByRole('link', { name: '1–9月' }).waitFor();
    assert.equal(await f.getByText('落后10.49个百分点').count(), 0);
    await a.goto(`${base}/monitoring`);
    await a.getByLabel('年度').fill('2021');
    await a.getByText(/超过12个百分点的单位标红/).waitFor();
  });
});
