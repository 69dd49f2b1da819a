import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ImportError, importBuffer } from '../../src/importers/index.js';
import { checkPdfStreams } from '../../src/importers/pdf-guard.js';
import { defaultSandbox, importFileIsolated, Sandbox } from '../../src/importers/sandbox.js';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { backends, makeWorld, type World } from '../server/support.js';
import { pdfBomb, xlsxFarCells, xlsxLyingSizes } from './hostile.js';
import { seedText } from './fixtures.js';

// Issue 15, failure 2: hostile files ran the importer without bound (a 2.6 MB PDF past 150 s and
// 5.6 GB; a 254 KB one 40 s and 2.3 GB; an XLSX lying about its sizes inflated 2.26 GB; cells at XFD1
// and A1048576 cost 1.1 GB). Each is now refused within 10 s and 600 MB with a Chinese message, by
// the CLI and the API alike. The files are generated here, never committed.
const dir = mkdtempSync(path.join(tmpdir(), 'jixiao-hostile-'));
const FILES: Array<{ name: string; make: () => Buffer; code: RegExp; says: RegExp }> = [
  { name: 'bomb-1g.pdf', make: () => pdfBomb(1024), code: /^pdf-bomb$/, says: /解压炸弹/ },
  { name: 'bomb-small.pdf', make: () => pdfBomb(96), code: /^pdf-bomb$/, says: /解压炸弹/ },
  { name: 'liar.xlsx', make: () => xlsxLyingSizes(2300), code: /^zip-bomb$/, says: /压缩炸弹/ },
  { name: 'far.xlsx', make: () => xlsxFarCells(), code: /^too-large$/, says: /XFD1.*超出可读取的范围/ },
];
const paths = new Map<string, string>();
const sizes = new Map<string, number>();
before(() => {
  for (const f of FILES) {
    const b = f.make();
    sizes.set(f.name, b.length);
    const p = path.join(dir, f.name);
    writeFileSync(p, b);
    paths.set(f.name, p);
  }
});

test('the generated files are what the issue measured', () => {
  assert.ok(sizes.get('bomb-1g.pdf')! < 3.5 * 1024 * 1024, `${sizes.get('bomb-1g.pdf')}`);
  assert.ok(sizes.get('bomb-small.pdf')! < 300 * 1024, `${sizes.get('bomb-small.pdf')}`);
  assert.ok(sizes.get('far.xlsx')! < 3 * 1024, `${sizes.get('far.xlsx')}`);
  // The lying XLSX declares 4 KB for a sheet of 2.3 GB.
  assert.ok(sizes.get('liar.xlsx')! < 20 * 1024 * 1024);
});

describe('in the sandbox (what the CLI and the API call)', () => {
  const sb = new Sandbox();
  // Started once ahead, as a server's is after its first import; the start itself is measured in
  // docs/import-audit.md (it is not per file).
  before(() => sb.warm());
  after(() => sb.close());
  for (const f of FILES) {
    test(`${f.name}: refused within 10 s and 600 MB with a Chinese message`, async () => {
      const started = Date.now();
      let err: unknown;
      try {
        await importFileIsolated(paths.get(f.name)!, { sandbox: sb });
      } catch (e) {
        err = e;
      }
      const ms = Date.now() - started;
      assert.ok(err instanceof ImportError, `not refused: ${String(err)}`);
      assert.match(err.code, f.code, err.message);
      assert.match(err.message, f.says);
      assert.match(err.message, new RegExp(`^${paths.get(f.name)!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}：`));
      assert.ok(ms < 10_000, `took ${ms} ms`);
      const peak = sb.last!.peakRssMb + process.memoryUsage().rss / 1048576;
      assert.ok(
        peak < 600,
        `sandbox ${sb.last!.peakRssMb} MB + caller ${Math.round(process.memoryUsage().rss / 1048576)} MB`,
      );
    });
  }
  test('the sandbox still imports an ordinary report afterwards', async () => {
    const p = path.join(dir, '000.txt');
    writeFileSync(p, seedText('000_6ca4beea76738c10'));
    const r = await importFileIsolated(p, { sandbox: sb });
    assert.equal(r.framework.id, 'zhengzhou-shangjie-2021');
    assert.equal(r.evaluation.claimed?.total, 98.8);
  });
});

describe('the bounds inside the importers (before any sandbox)', () => {
  test('PDF streams are decoded under a cap before pdf.js sees them', () => {
    assert.throws(
      () => checkPdfStreams(pdfBomb(96)),
      (e: ImportError) => e.code === 'pdf-bomb',
    );
    // An ordinary stream passes and is counted.
    const ok = checkPdfStreams(pdfBomb(1));
    assert.equal(ok.checked, 1);
    assert.ok(ok.inflated >= 1024 * 1024);
  });
  test('a sheet inflating past what its zip entry declares is stopped; cells beyond the limits refuse the file', async () => {
    await assert.rejects(
      importBuffer(new Uint8Array(xlsxLyingSizes(64)), { name: 'x.xlsx' }),
      (e: ImportError) => e.code === 'zip-bomb' && /伪造大小/.test(e.message),
    );
    await assert.rejects(
      importBuffer(new Uint8Array(xlsxFarCells()), { name: 'x.xlsx' }),
      (e: ImportError) => e.code === 'too-large',
    );
  });
});

describe('the sandbox itself: the deadline and the memory cap terminate the parser', () => {
  // A legitimate but large text: thousands of table rows take the interpreter a while and memory.
  const rows = Array.from({ length: 60_000 }, (_, i) => `\t指标${i}\t10\t9.5\t≥90%\t完成${i}`).join('\n');
  const big = `2021年度某单位部门整体支出绩效自评报告\n\n\t指标名称\t分值\t得分\t指标值\t实际完成值\n${rows}\n`;
  const p = path.join(dir, 'big.txt');
  before(() => writeFileSync(p, big));

  test('past the deadline the process is killed and the file refused (timeout)', async () => {
    const sb = new Sandbox({ timeoutMs: 300 });
    try {
      const started = Date.now();
      await assert.rejects(
        importFileIsolated(p, { sandbox: sb }),
        (e: ImportError) => e.code === 'timeout' && /超过时限/.test(e.message),
      );
      assert.ok(Date.now() - started < 5000);
    } finally {
      sb.close();
    }
  });

  test('past the memory cap the process is killed and the file refused (memory); the next file gets a fresh process', async () => {
    const sb = new Sandbox({ memoryMb: 180, timeoutMs: 60_000 });
    try {
      await assert.rejects(
        importFileIsolated(p, { sandbox: sb }),
        (e: ImportError) => e.code === 'memory' && /内存超过上限（180 MB）/.test(e.message),
      );
      assert.ok(sb.last!.peakRssMb >= 150, `peak ${sb.last!.peakRssMb}`);
    } finally {
      sb.close();
    }
  });
});

describe('the CLI refuses each hostile file: exit code 2 and a Chinese message', () => {
  const CLI = path.join(PACKAGE_ROOT, 'src', 'cli', 'main.ts');
  for (const f of FILES) {
    test(`jixiao import ${f.name}`, () => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'import', paths.get(f.name)!], {
        cwd: PACKAGE_ROOT,
        encoding: 'utf8',
        timeout: 120_000,
      });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /输入有误：/);
      assert.match(r.stderr, f.says);
    });
  }
});

describe('the API refuses each hostile file: 422 with the Chinese message', () => {
  const [backend] = backends();
  let w: World;
  before(async () => {
    w = await makeWorld(backend!);
    await defaultSandbox().warm();
  });
  after(async () => {
    defaultSandbox().close();
    await w?.close();
  });
  for (const f of FILES) {
    test(`POST /api/import ${f.name}`, async () => {
      const c = await w.as('u1-filler');
      const started = Date.now();
      const r = await c.upload('/api/import', f.name, new Uint8Array(readBack(f.name)));
      assert.equal(r.status, 422, JSON.stringify(r.body));
      assert.match(r.body.error.code, /^import-/);
      assert.match(r.body.error.message, f.says);
      assert.ok(Date.now() - started < 10_000);
    });
  }
  test('POST /api/import of an ordinary report answers the evaluation; without a session 401', async () => {
    const c = await w.as('u1-filler');
    const r = await c.upload('/api/import', '000.txt', new TextEncoder().encode(seedText('000_6ca4beea76738c10')));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.framework.id, 'zhengzhou-shangjie-2021');
    assert.equal(r.body.evaluation.claimed.total, 98.8);
    assert.ok(r.body.audit.findings > 0);
    const anon = await w.client().upload('/api/import', '000.txt', new TextEncoder().encode('x'));
    assert.equal(anon.status, 401);
  });
});

function readBack(name: string): Buffer {
  return FILES.find((f) => f.name === name)!.make();
}
