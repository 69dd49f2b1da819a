/**
 * Web app page weight and time to interactive, per route, in headless Chromium against a locally
 * started server (fresh PGlite directory, the demo region: five units with the seeds' real data).
 * Each route is loaded cold (new browser profile, empty cache):
 * - transferred bytes by kind (HTML, JS, CSS, API JSON), as on the wire (compressed);
 * - first contentful paint;
 * - time to interactive: from navigation until the route's main content is visible and one of its
 *   inputs accepts typing (the typed text shows in the input; in the workspace, the live total
 *   reacts to it).
 * Then the indicator table's typing latency (keystroke → next frame) in the 赫山 workspace, and the
 * time from a keystroke until the live total shows the new score; the workspace's time to interactive
 * is also printed as a ratio to the login page's in the same run.
 * Usage: npm run bench (after npm run build; builds dist/web itself if missing or stale);
 * `node --import tsx bench/web.ts --chunks-only` for the JS per route alone, `--workspace` for the
 * login page and the workspace alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../src/server/access.js';
import { seedDemo } from '../src/server/demo.js';
import { FAST_SCRYPT } from '../src/server/passwords.js';
import { prepareDatabase, startServer } from '../src/server/serve.js';
import { transition } from '../src/server/resources/evaluations/service.js';
import { ensureWebBuild, launch } from '../test/e2e/support.js';
import { WEB_DIR } from '../src/server/web.js';
import { printRouteWeights } from './web-chunks.js';

const PASSWORD = 'bench-password-1';

interface Route {
  name: string;
  user?: string;
  path: string;
  /** Visible when the route's main content is there. */
  ready: string;
  /** An input to type into (a label), or a control that must be enabled. */
  type?: { label: string; text: string; exact?: boolean };
  click?: string;
}

interface Weight {
  html: number;
  js: number;
  css: number;
  api: number;
  other: number;
  requests: number;
}

async function measure(
  browser: Browser,
  base: string,
  r: Route,
): Promise<{ weight: Weight; fcp: number; tti: number }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  if (r.user) {
    const res = await context.request.post(`${base}/api/auth/login`, {
      data: { username: r.user, password: PASSWORD },
      headers: { origin: base },
    });
    if (!res.ok()) throw new Error(`login ${r.user}: ${res.status()}`);
  }
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const kinds = new Map<string, keyof Weight>();
  const weight: Weight = { html: 0, js: 0, css: 0, api: 0, other: 0, requests: 0 };
  cdp.on('Network.responseReceived', (e) => {
    const t = e.type;
    kinds.set(
      e.requestId,
      t === 'Document'
        ? 'html'
        : t === 'Script'
          ? 'js'
          : t === 'Stylesheet'
            ? 'css'
            : t === 'XHR' || t === 'Fetch'
              ? 'api'
              : 'other',
    );
  });
  cdp.on('Network.loadingFinished', (e) => {
    const k = kinds.get(e.requestId) ?? 'other';
    weight[k] += e.encodedDataLength;
    weight.requests++;
  });
  const t0 = performance.now();
  await page.goto(`${base}${r.path}`);
  await page.locator(r.ready).first().waitFor({ state: 'visible', timeout: 30_000 });
  if (r.type) {
    const input = page.getByLabel(r.type.label, { exact: r.type.exact ?? false }).first();
    await input.click();
    await page.keyboard.type(r.type.text);
    await page.waitForFunction(
      (text) => ((document.activeElement as HTMLInputElement | null)?.value ?? '').includes(text),
      r.type.text,
    );
  }
  if (r.click) await page.locator(r.click).first().waitFor({ state: 'visible' });
  const tti = performance.now() - t0;
  await page.waitForTimeout(300); // late requests (charts, attachments) count toward the weight
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
  await context.close();
  return { weight, fcp, tti };
}

async function typingLatency(browser: Browser, base: string, evaluationId: number): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.request.post(`${base}/api/auth/login`, {
    data: { username: 'demo-002-filler', password: PASSWORD },
    headers: { origin: base },
  });
  const page: Page = await context.newPage();
  await page.goto(`${base}/evaluations/${evaluationId}`);
  await page.getByTestId('live-total').waitFor();
  await page.waitForTimeout(500);
  const out: number[] = [];
  for (const label of ['在职人员控制率 实际完成值', '预算执行率 偏差原因', '年初预算数']) {
    await page.getByLabel(label, { exact: true }).focus();
    const times = (await page.evaluate(`(async () => {
      const times = [];
      for (let i = 0; i < 15; i++) {
        const input = document.activeElement;
        const proto = input.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
        const t0 = performance.now();
        Object.getOwnPropertyDescriptor(proto, 'value').set.call(input, input.value + '1');
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        times.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 40));
      }
      return times;
    })()`)) as number[];
    out.push(...times);
  }
  await context.close();
  return out.sort((a, b) => a - b);
}

/**
 * Keystroke → live total: in the 赫山 workspace, the 在职人员控制率 actual is set to 110 and 120 in
 * turn (a reverse rule: each value changes the score), and the time is taken from the input event
 * until the total shown (`data-total` of the live total) has changed and the next frame is painted.
 */
async function keystrokeToTotal(browser: Browser, base: string, evaluationId: number): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.request.post(`${base}/api/auth/login`, {
    data: { username: 'demo-002-filler', password: PASSWORD },
    headers: { origin: base },
  });
  const page: Page = await context.newPage();
  await page.goto(`${base}/evaluations/${evaluationId}`);
  await page.getByTestId('live-total').waitFor();
  await page.waitForTimeout(500);
  await page.getByLabel('在职人员控制率 实际完成值', { exact: true }).focus();
  const times = (await page.evaluate(`(async () => {
    const times = [];
    const total = () => document.querySelector('[data-testid="live-total"]')?.getAttribute('data-total');
    for (let i = 0; i < 20; i++) {
      const input = document.activeElement;
      const before = total();
      const t0 = performance.now();
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, i % 2 ? '120' : '110');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => {
        const check = () => (total() !== before || performance.now() - t0 > 5000 ? resolve() : requestAnimationFrame(check));
        requestAnimationFrame(check);
      });
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      times.push(total() !== before ? performance.now() - t0 : NaN);
      await new Promise((r) => setTimeout(r, 300));
    }
    return times;
  })()`)) as number[];
  await context.close();
  if (times.some((t) => !Number.isFinite(t))) throw new Error('输入后总分没有变化（基准测试的输入值需要更换）');
  return times.sort((a, b) => a - b);
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => (Number.isFinite(n) ? `${Math.round(n)} ms` : '—');
const pad = (s: string, n: number) =>
  s + ' '.repeat(Math.max(0, n - [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));

async function main(): Promise<void> {
  const build = ensureWebBuild();
  if (build.built) console.log(`（已构建网页：${build.ms} ms）`);
  printRouteWeights(WEB_DIR);
  if (process.argv.includes('--chunks-only')) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'jixiao-bench-web-'));
  const { database } = await prepareDatabase({ dataDir: dir });
  const demo = await seedDemo(database.db, { password: PASSWORD, scrypt: FAST_SCRYPT });
  const heshan = demo.loaded.find((l) => l.file.startsWith('002'))!;
  // The bureau returns 赫山's evaluation so that its filler can edit it (the demo stops at 待财政局审核).
  const ev = await database.db
    .selectFrom('evaluations')
    .select(['version', 'round_id'])
    .where('id', '=', heshan.evaluationId)
    .executeTakeFirstOrThrow();
  await transition(
    database.db,
    systemActor('基准测试'),
    heshan.evaluationId,
    'return',
    ev.version,
    '基准测试：退回以便填报',
  );
  const fv = await database.db
    .selectFrom('rounds')
    .select('framework_version_id')
    .where('id', '=', ev.round_id)
    .executeTakeFirstOrThrow();
  const server = await startServer(database, {
    port: 0,
    scrypt: FAST_SCRYPT,
    loginLimits: { pairFree: 100_000, accountFree: 100_000 },
  });
  const base = server.url;
  const browser = await launch();
  const routes: Route[] = [
    { name: '登录 /', path: '/', ready: 'text=部门整体支出绩效自评系统', type: { label: '用户名', text: 'demo' } },
    {
      name: '工作台 /（填报人）',
      user: 'demo-002-filler',
      path: '/',
      ready: '.jx-todo-item',
      click: '.jx-todo-item button:not([disabled])',
    },
    {
      name: '填报 /evaluations/:id',
      user: 'demo-002-filler',
      path: `/evaluations/${heshan.evaluationId}`,
      ready: 'tr[data-indicator]',
      type: { label: '预算执行率 偏差原因', text: '偏差', exact: true },
    },
    {
      name: '审核 /evaluations/:id（财政局）',
      user: 'demo-reviewer',
      path: `/evaluations/${demo.loaded[0]!.evaluationId}`,
      ready: 'tr[data-indicator]',
      click: '.jx-page-extra .ant-btn-primary:not([disabled])',
    },
    {
      name: '评价轮次 /rounds',
      user: 'demo-admin',
      path: '/rounds',
      ready: '.ant-table-row',
      click: 'button:has-text("新建评价轮次")',
    },
    { name: '轮次进度 /rounds/:id', user: 'demo-admin', path: `/rounds/${ev.round_id}`, ready: '.ant-table-row' },
    { name: '审核队列 /review', user: 'demo-reviewer', path: '/review', ready: '.ant-table-row' },
    {
      name: '地区看板 /dashboard',
      user: 'demo-reviewer',
      path: `/dashboard?round=${ev.round_id}&scope=all`,
      ready: 'canvas',
    },
    { name: '指标框架 /frameworks', user: 'demo-admin', path: '/frameworks', ready: '.ant-table-row' },
    {
      name: '框架详情 /frameworks/:id',
      user: 'demo-admin',
      path: `/frameworks/${fv.framework_version_id}`,
      ready: '.ant-table-row',
    },
    {
      name: '框架编辑 /frameworks/:id/edit',
      user: 'demo-admin',
      path: `/frameworks/${fv.framework_version_id}/edit`,
      ready: '.jx-fw-table',
      type: { label: '名称', text: '（修订）', exact: true },
    },
  ];
  try {
    // A warm-up load so that the server's one-time compression of each asset is not counted.
    await measure(browser, base, routes[2]!);
    await measure(browser, base, routes[7]!);
    console.log('\n网页：每个路由冷启动（新浏览器配置、无缓存；传输字节为压缩后实际大小）');
    console.log(
      `${pad('路由', 34)}${pad('HTML', 10)}${pad('JS', 11)}${pad('CSS', 10)}${pad('接口JSON', 11)}${pad('合计', 11)}${pad('请求数', 8)}${pad('首次内容绘制', 14)}可交互`,
    );
    const tti = new Map<string, number>();
    // `--workspace`: only the login page (the baseline) and the workspace, for quick runs while working on it.
    const only = process.argv.includes('--workspace') ? [routes[0]!, routes[2]!] : routes;
    for (const r of only) {
      const m = await measure(browser, base, r);
      tti.set(r.name, m.tti);
      const w = m.weight;
      const total = w.html + w.js + w.css + w.api + w.other;
      console.log(
        `${pad(r.name, 34)}${pad(kb(w.html), 10)}${pad(kb(w.js), 11)}${pad(kb(w.css), 10)}${pad(kb(w.api), 11)}${pad(kb(total), 11)}${pad(String(w.requests), 8)}${pad(ms(m.fcp), 14)}${ms(m.tti)}`,
      );
    }
    const lat = await typingLatency(browser, base, heshan.evaluationId);
    const q = (p: number, list = lat) => list[Math.min(list.length - 1, Math.floor(p * list.length))]!;
    const rows = await database.db
      .selectFrom('evaluations')
      .select('result')
      .where('id', '=', heshan.evaluationId)
      .executeTakeFirstOrThrow();
    console.log(
      `\n填报页指标表（${rows.result?.indicators.length ?? '?'}行）输入延迟（按键→下一帧，${lat.length}次）：中位数 ${ms(q(0.5))}，P95 ${ms(q(0.95))}，最大 ${ms(lat[lat.length - 1]!)}`,
    );
    const totals = await keystrokeToTotal(browser, base, heshan.evaluationId);
    console.log(
      `按键→实时总分更新并绘制（${totals.length}次）：中位数 ${ms(q(0.5, totals))}，P95 ${ms(q(0.95, totals))}，最大 ${ms(totals[totals.length - 1]!)}（目标 < 50 ms）`,
    );
    // Interactive times against the login page's, measured in the same run (the machine's load cancels out).
    const login = tti.get(routes[0]!.name)!;
    const work = tti.get(routes[2]!.name)!;
    console.log(
      `填报页冷启动到可交互 ${ms(work)}（目标 < 1200 ms），为同次运行登录页（${ms(login)}）的 ${(work / login).toFixed(2)} 倍`,
    );
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
