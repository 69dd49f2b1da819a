/**
 * @module The web app (issue 4): the React build in dist/web (`npm run build` → vite), served at `/`.
 * - files under /assets/ carry a content hash in their name: cached for a year, immutable;
 * - everything else (index.html, favicon) is revalidated (no-cache + ETag);
 * - any other GET outside /api is a client-side route: index.html;
 * - text assets are sent brotli- or gzip-compressed (compressed once, kept in memory).
 * /api stays the API's: an unknown /api path is the API's JSON 404.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { PACKAGE_ROOT } from '../load/paths.js';
import type { Api, AppEnv } from './context.js';

export const WEB_DIR = process.env.JIXIAO_WEB_DIR
  ? path.resolve(process.env.JIXIAO_WEB_DIR)
  : path.join(PACKAGE_ROOT, 'dist', 'web');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.webmanifest']);

/** antd writes its styles at run time (CSS-in-JS), hence 'unsafe-inline' for styles only. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface Cached {
  mtimeMs: number;
  body: Buffer;
  etag: string;
  br?: Buffer;
  gzip?: Buffer;
}
const cache = new Map<string, Cached>();

function load(file: string): Cached | undefined {
  let st;
  try {
    st = statSync(file);
  } catch {
    return undefined;
  }
  if (!st.isFile()) return undefined;
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs) return hit;
  const body = readFileSync(file);
  const entry: Cached = {
    mtimeMs: st.mtimeMs,
    body,
    etag: `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`,
  };
  cache.set(file, entry);
  return entry;
}

function encodingFor(c: Context<AppEnv>, ext: string, size: number): 'br' | 'gzip' | undefined {
  if (!COMPRESSIBLE.has(ext) || size < 1024) return undefined;
  const accept = c.req.header('accept-encoding') ?? '';
  if (/\bbr\b/.test(accept)) return 'br';
  if (/\bgzip\b/.test(accept)) return 'gzip';
  return undefined;
}

function send(c: Context<AppEnv>, file: string, entry: Cached, immutable: boolean): Response {
  const ext = path.extname(file).toLowerCase();
  const headers = new Headers({
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ETag: entry.etag,
    Vary: 'Accept-Encoding',
  });
  if (ext === '.html') headers.set('Content-Security-Policy', CSP);
  if (!immutable && c.req.header('if-none-match') === entry.etag) return new Response(null, { status: 304, headers });
  const enc = encodingFor(c, ext, entry.body.length);
  let body = entry.body;
  if (enc === 'br')
    body = entry.br ??= brotliCompressSync(entry.body, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: entry.body.length },
    });
  else if (enc === 'gzip') body = entry.gzip ??= gzipSync(entry.body, { level: 9 });
  if (enc) headers.set('Content-Encoding', enc);
  headers.set('Content-Length', String(body.length));
  return new Response(c.req.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

function notBuilt(c: Context<AppEnv>): Response {
  return c.html(
    `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>绩效 Jixiao</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.7;color:#222}code{background:#f3f3f3;padding:.1rem .3rem}</style>
</head><body>
<h1>绩效 — 部门整体支出绩效自评</h1>
<p>服务已启动，但网页尚未构建：请在项目目录运行 <code>npm run build</code>（<code>npm install</code> 时会自动构建）。</p>
<ul>
<li>接口文档（OpenAPI）：<a href="/api/openapi.json"><code>/api/openapi.json</code></a></li>
<li>健康检查：<a href="/api/health"><code>/api/health</code></a></li>
</ul>
</body></html>`,
    503,
  );
}

export function mountWebApp(app: Api, dir: string = WEB_DIR): void {
  const root = path.resolve(dir);
  const index = path.join(root, 'index.html');
  app.get('*', (c) => {
    const p = c.req.path;
    if (p === '/api' || p.startsWith('/api/')) return c.notFound();
    let rel: string;
    try {
      rel = decodeURIComponent(p);
    } catch {
      return c.text('路径不合法', 400);
    }
    const file = path.resolve(root, `.${path.posix.normalize(rel)}`);
    if (file !== root && !file.startsWith(root + path.sep)) return c.text('未找到该页面', 404);
    if (file !== root) {
      const entry = load(file);
      if (entry) return send(c, file, entry, rel.startsWith('/assets/'));
      // A missing asset is a 404, not the app: a stale tab asking for an old chunk must see the failure.
      if (rel.startsWith('/assets/') || path.extname(rel)) return c.text('未找到该文件', 404);
    }
    if (!existsSync(index)) return notBuilt(c);
    const entry = load(index);
    return entry ? send(c, index, entry, false) : notBuilt(c);
  });
}
