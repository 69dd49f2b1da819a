/**
 * JavaScript per route, gzip, from the built app (dist/web): the entry with its static imports, plus
 * the route's lazily loaded page chunk with its static imports — what a cold visit to the route
 * downloads before it can show anything. Chunks are found by reading each file's `import` statements
 * (dynamic `import()` excluded), so the figure follows the build, not a list kept by hand.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Route → the source module of its page (the chunk Rollup names after it). */
export const ROUTE_PAGES: Array<[string, string]> = [
  ['登录 /login', 'LoginPage'],
  ['工作台 /', 'HomePage'],
  ['评价列表 /evaluations', 'EvaluationsPage'],
  ['填报 /evaluations/:id', 'EvaluationPage'],
  ['评价轮次 /rounds', 'RoundsPage'],
  ['轮次进度 /rounds/:id', 'ProgressPage'],
  ['审核队列 /review', 'ReviewQueuePage'],
  ['地区看板 /dashboard', 'DashboardPage'],
  ['指标框架 /frameworks', 'FrameworksPage'],
  ['框架详情 /frameworks/:id', 'FrameworkPage'],
  ['框架编辑 /frameworks/:id/edit', 'FrameworkEditorPage'],
];

export const TARGET_GZ = 250 * 1024;

/**
 * The same measure on the build before issue 16.5's work (commit 71656f6, gzip -9), kept here so a run
 * prints after ÷ before; the build it came from is not kept in the repository.
 */
export const BEFORE_GZ_KB: Record<string, number> = {
  '登录 /login': 276.4,
  '工作台 /': 333.1,
  '评价列表 /evaluations': 333.8,
  '填报 /evaluations/:id': 442.6,
  '评价轮次 /rounds': 383.2,
  '轮次进度 /rounds/:id': 348.2,
  '审核队列 /review': 327.4,
  '地区看板 /dashboard': 522.3,
  '指标框架 /frameworks': 330.4,
  '框架详情 /frameworks/:id': 410.3,
  '框架编辑 /frameworks/:id/edit': 385.5,
};

const STATIC_IMPORT = /(?:^|[;\n}])\s*import\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([^"']+\.js)["']/g;

export interface RouteWeight {
  route: string;
  /** Bytes (gzip) of the entry and the page chunk with their static imports. */
  gz: number;
  files: number;
  /** Bytes (gzip) of what the page then loads by itself (its dynamic imports: ECharts on the dashboard). */
  later: number;
}

const DYNAMIC_IMPORT = /import\(["'`]\.\/([^"'`]+\.js)["'`]\)/g;

export function routeWeights(webDir: string): RouteWeight[] {
  const assets = path.join(webDir, 'assets');
  const html = readFileSync(path.join(webDir, 'index.html'), 'utf8');
  const entry = /<script[^>]+src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
  if (!entry) throw new Error(`没有在 ${webDir}/index.html 找到入口脚本`);
  const files = readdirSync(assets);
  const gzCache = new Map<string, number>();
  const gz = (f: string) => {
    if (!gzCache.has(f)) gzCache.set(f, gzipSync(readFileSync(path.join(assets, f)), { level: 9 }).length);
    return gzCache.get(f)!;
  };
  const closure = (start: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(start)) return seen;
    seen.add(start);
    const src = readFileSync(path.join(assets, start), 'utf8');
    for (const m of src.matchAll(STATIC_IMPORT)) closure(m[1]!, seen);
    return seen;
  };
  const base = closure(entry);
  return ROUTE_PAGES.map(([route, page]) => {
    // The login page is part of the entry in some builds; then the route is the entry alone.
    const chunk = files.find((f) => f.startsWith(`${page}-`) && f.endsWith('.js'));
    const all = chunk ? closure(chunk, new Set(base)) : base;
    // Lazy parts the page's own modules import (not other routes, which the entry imports lazily).
    const later = new Set<string>();
    if (chunk)
      for (const f of closure(chunk, new Set()))
        if (!base.has(f))
          for (const m of readFileSync(path.join(assets, f), 'utf8').matchAll(DYNAMIC_IMPORT))
            for (const g of closure(m[1]!, new Set(all))) if (!all.has(g)) later.add(g);
    const sum = (set: Iterable<string>) => [...set].reduce((s, f) => s + gz(f), 0);
    return { route, gz: sum(all), files: all.size, later: sum(later) };
  });
}

/** Prints each route's JS against the 250 KB target and against the figure before issue 16.5. */
export function printRouteWeights(webDir: string): RouteWeight[] {
  const list = routeWeights(webDir);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log('\n网页：每个路由首次加载的 JS（入口及页面分块与其静态依赖，gzip -9；目标 ≤ 250 KB）');
  console.log('路由'.padEnd(28), '之前'.padEnd(10), '现在'.padEnd(10), '现在÷目标', ' 现在÷之前', ' 之后按需加载');
  for (const r of list) {
    const before = BEFORE_GZ_KB[r.route];
    console.log(
      r.route.padEnd(30 - [...r.route].filter((c) => c.charCodeAt(0) > 0x2e80).length),
      (before ? `${before.toFixed(1)} KB` : '—').padEnd(11),
      kb(r.gz).padEnd(11),
      (r.gz / TARGET_GZ).toFixed(2).padEnd(10),
      before ? (r.gz / 1024 / before).toFixed(2).padEnd(11) : '—'.padEnd(11),
      r.later ? kb(r.later) : '—',
    );
  }
  return list;
}
