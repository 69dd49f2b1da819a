import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { type Actor, systemActor } from '../../src/server/access.js';
import { FAST_SCRYPT } from '../../src/server/passwords.js';
import { prepareDatabase, type RunningServer, startServer } from '../../src/server/serve.js';
import { createOrganisation } from '../../src/server/resources/organisations/service.js';
import { createUser } from '../../src/server/resources/users/service.js';
import { WEB_DIR } from '../../src/server/web.js';

/**
 * End-to-end support: the web build (made here only when dist/web is missing or older than its
 * sources), a server on a free port with a fresh PGlite directory, and headless Debian Chromium
 * (scripts/install-system-deps.sh installs /usr/bin/chromium).
 */
export const CHROMIUM = process.env.JIXIAO_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const SCREENSHOTS = path.join(PACKAGE_ROOT, 'test-output', 'screenshots');
export const PASSWORD = 'e2e-password-2021';

function newest(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

/** Builds the web app unless dist/web is newer than web/ and src/core (CI's `npm ci` has built it). */
export function ensureWebBuild(): { built: boolean; ms: number } {
  const index = path.join(WEB_DIR, 'index.html');
  const src = Math.max(newest(path.join(PACKAGE_ROOT, 'web')), newest(path.join(PACKAGE_ROOT, 'src', 'core')));
  if (existsSync(index) && statSync(index).mtimeMs >= src) return { built: false, ms: 0 };
  const t = Date.now();
  execFileSync(
    process.execPath,
    [
      path.join(PACKAGE_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      path.join(PACKAGE_ROOT, 'web', 'vite.config.ts'),
      '--logLevel',
      'warn',
    ],
    {
      cwd: PACKAGE_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return { built: true, ms: Date.now() - t };
}

export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `没有找到 Chromium（${CHROMIUM}）：请以 root 运行 scripts/install-system-deps.sh 安装，或设置 JIXIAO_CHROMIUM 指向可执行文件。`,
    );
  }
}

export interface Region {
  server: RunningServer;
  dir: string;
  bureauId: number;
  unitId: number;
  /** The region's database, for steps that set up more units than a walk would click through. */
  database: Awaited<ReturnType<typeof prepareDatabase>>['database'];
  close(): Promise<void>;
}

/**
 * A region as a bureau sets it up: 益阳市赫山区财政局 with its admin and reviewer, and the unit of
 * seed 002 (益阳市赫山区人民政府办公室) with its filler and leader. No round yet: the bureau creates it.
 */
export async function startRegion(): Promise<Region> {
  const dir = mkdtempSync(path.join(tmpdir(), 'jixiao-e2e-'));
  const { database } = await prepareDatabase({ dataDir: dir });
  const sys = systemActor('端到端测试');
  const db = database.db;
  const bureau = await createOrganisation(db, sys, { kind: 'bureau', name: '益阳市赫山区财政局', code: 'heshan' });
  const unit = await createOrganisation(db, sys, {
    kind: 'unit',
    name: '益阳市赫山区人民政府办公室',
    code: 'heshan-zfb',
    parentId: bureau.id,
  });
  const other = await createOrganisation(db, sys, {
    kind: 'unit',
    name: '益阳市赫山区发展和改革局',
    code: 'heshan-fgj',
    parentId: bureau.id,
  });
  // Two more units: 教育局 is asked with the other two; 卫生健康局 is not, and must not see the round.
  const jyj = await createOrganisation(db, sys, {
    kind: 'unit',
    name: '益阳市赫山区教育局',
    code: 'heshan-jyj',
    parentId: bureau.id,
  });
  const wjj = await createOrganisation(db, sys, {
    kind: 'unit',
    name: '益阳市赫山区卫生健康局',
    code: 'heshan-wjj',
    parentId: bureau.id,
  });
  void jyj;
  const users: Array<[string, string, number, Actor['role']]> = [
    ['hs-admin', '刘管理', bureau.id, 'bureau_admin'],
    ['hs-reviewer', '王审核', bureau.id, 'bureau_reviewer'],
    ['hs-filler', '李填报', unit.id, 'unit_filler'],
    ['hs-leader', '赵主任', unit.id, 'unit_leader'],
    ['fgj-filler', '陈填报', other.id, 'unit_filler'],
    ['wjj-filler', '周填报', wjj.id, 'unit_filler'],
  ];
  for (const [username, displayName, orgId, role] of users) {
    await createUser(db, sys, { orgId, username, displayName, role: role as never, password: PASSWORD }, FAST_SCRYPT);
  }
  const server = await startServer(database, {
    port: 0,
    host: '127.0.0.1',
    scrypt: FAST_SCRYPT,
    loginLimits: { pairFree: 100_000, accountFree: 100_000 },
  });
  return {
    server,
    dir,
    bureauId: bureau.id,
    unitId: unit.id,
    database,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launch(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen on the page. */
  errors: string[];
}

/** A fresh browser profile, signed in through the login page. */
export async function signIn(
  browser: Browser,
  base: string,
  username: string,
  opts: { shot?: string; viewport?: { width: number; height: number } } = {},
): Promise<Session> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(45_000);
  const page = await context.newPage();
  const errors: string[] = [];
  // Until the 登录 click nothing is excused: the login page asks /api/auth/session, which answers 200 either
  // way, so a 401 there (issue 14: every visit logged one for /api/auth/me) is an error of the page.
  let atLogin = true;
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const t = m.text();
    // Deliberate aborts in the offline test show as network errors; a 409 is the merge test's.
    if (!atLogin && /401 \(Unauthorized\)|net::ERR_FAILED|Failed to fetch|status of 409/.test(t)) return;
    const where = m.location()?.url;
    errors.push(`console${atLogin ? ' (login page)' : ''}: ${t}${where ? ` (${where})` : ''}`);
  });
  await page.goto(`${base}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  if (opts.shot) await shot(page, opts.shot);
  atLogin = false;
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.locator('.jx-header').waitFor({ timeout: 60_000 });
  return { context, page, errors };
}

/**
 * Saves the page as the user sees it (`name.png`, the viewport) and, for pages taller than the
 * window, the whole page with the sticky header and score bar laid flat (`name-full.png`).
 */
export async function shot(page: Page, name: string, opts: { at?: string } = {}): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.evaluate(() => document.fonts.ready);
  // Toasts fade out after 3 s; the picture is of the page, not of the last message.
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 5000 })
    .catch(() => undefined);
  if (opts.at)
    await page
      .locator(opts.at)
      .first()
      .evaluate((el) => el.scrollIntoView({ block: 'center' }));
  else await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file });
  const tall = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight + 40);
  if (tall) {
    const style = await page.addStyleTag({
      content: '.jx-header, .jx-scorebar, .jx-ind-table thead th { position: static !important; }',
    });
    await fullShot(page, path.join(SCREENSHOTS, `${name}-full.png`));
    await style.evaluate((el) => (el as Element).remove());
  }
  return file;
}

/**
 * The whole page in one picture. Chromium's `fullPage` capture (captureBeyondViewport) stalled for 45 s on a
 * loaded CI machine; growing the window to the page's height and taking an ordinary shot is the same picture
 * through the path every other shot already uses. Capped at 10,000 px, then the window is put back.
 */
async function fullShot(page: Page, file: string): Promise<void> {
  const size = page.viewportSize();
  if (!size) return;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.min(height, 10_000) });
  try {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: file });
  } finally {
    await page.setViewportSize(size);
  }
}

/** Inputs without an accessible name (label, aria-label, aria-labelledby, title): none allowed. */
export async function unlabelledInputs(page: Page): Promise<string[]> {
  return page.evaluate(UNLABELLED) as Promise<string[]>;
}

// Plain JavaScript run in the page (tsx's keepNames helpers do not exist there).
const UNLABELLED = `(() => {
  const out = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const st = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && st.display !== 'none';
  };
  for (const el of Array.from(document.querySelectorAll('input, textarea, select, [role="combobox"], [role="checkbox"], [role="radio"], [role="switch"]'))) {
    if (el.type === 'hidden' || el.type === 'file') continue;
    if (!visible(el)) {
      const wrap = el.closest('label');
      if (!(wrap && visible(wrap))) continue;
    }
    const byLabelledBy = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).map((id) => (document.getElementById(id)?.textContent || '').trim()).join('');
    const byFor = el.id ? Array.from(document.querySelectorAll('label[for="' + CSS.escape(el.id) + '"]')).map((l) => (l.textContent || '').trim()).join('') : '';
    const byWrap = (el.closest('label')?.textContent || '').trim();
    const name = (el.getAttribute('aria-label') || '') + byLabelledBy + byFor + byWrap + (el.getAttribute('title') || '');
    if (!name.trim()) out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className).split(' ')[0] : '') + ' in ' + (el.closest('[id]')?.id || '?'));
  }
  return out;
})()`;

/** Text whose contrast with its background is below WCAG AA (4.5:1, large text 3:1). */
export async function lowContrast(page: Page): Promise<string[]> {
  return page.evaluate(LOW_CONTRAST) as Promise<string[]>;
}

const LOW_CONTRAST = `(() => {
  const parse = (c) => {
    const m = /rgba?\\(([^)]+)\\)/.exec(c);
    if (!m) return undefined;
    const p = m[1].split(/[\\s,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p[3] === undefined ? 1 : p[3]];
  };
  const lum = (c) => {
    const f = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const blend = (fg, bg) => [fg[0] * fg[3] + bg[0] * (1 - fg[3]), fg[1] * fg[3] + bg[1] * (1 - fg[3]), fg[2] * fg[3] + bg[2] * (1 - fg[3]), 1];
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255, 1];
    for (const l of layers.reverse()) bg = blend(l, bg);
    return bg;
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || seen.has(el) || !(n.textContent || '').trim()) continue;
    seen.add(el);
    if (el.closest('[aria-hidden="true"], .ant-btn-disabled, [disabled], .ant-checkbox-wrapper-disabled, .ant-radio-wrapper-disabled, .ant-select-disabled, .ant-tooltip, .ant-popover, .ant-empty-image, canvas, .ant-steps-item-wait, .ant-input-number-handler-wrap')) continue;
    const st = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || st.visibility === 'hidden' || Number(st.opacity) < 0.1) continue;
    const fg = parse(st.color);
    if (!fg) continue;
    const bg = background(el);
    const c = blend(fg, bg);
    const ls = [lum(c), lum(bg)].sort((x, y) => y - x);
    const ratio = (ls[0] + 0.05) / (ls[1] + 0.05);
    const size = parseFloat(st.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(st.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5) - 0.05) out.push(ratio.toFixed(2) + ':1 “' + n.textContent.trim().slice(0, 20) + '” (' + st.color + ' on rgb(' + bg.slice(0, 3).map(Math.round).join(',') + '))');
  }
  return out;
})()`;
