import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import JSZip from 'jszip';
import { audit } from '../../src/core/audit/index.js';
import { EvaluationSchema } from '../../src/core/evaluation.js';
import {
  ImportError,
  importBuffer,
  importFile,
  importText,
  LIMITS,
  type ImportResult,
} from '../../src/importers/index.js';
import { docxFromDoc, minimalPdf, seedDoc, seedText, STEMS, xlsxFromDoc } from './fixtures.js';

// Importers never crash: random, truncated and corrupt input gives a clear ImportError or a
// partial result that is a valid evaluation the audit can run on — and never takes long.
const enc = new TextEncoder();

function checkOutcome(r: ImportResult | undefined, e: unknown, started: number, budgetMs: number): void {
  const took = Date.now() - started;
  assert.ok(took < budgetMs, `took ${took} ms`);
  if (e !== undefined) {
    assert.ok(e instanceof ImportError, `not an ImportError: ${(e as Error)?.stack ?? String(e)}`);
    assert.ok(e.message.length > 0 && /[\u4e00-\u9fa5]/.test(e.message), 'the message is Chinese');
    return;
  }
  assert.ok(r);
  assert.ok(EvaluationSchema.safeParse(r.evaluation).success);
  audit(r.framework, r.evaluation, r.facts);
}

async function outcome(run: () => Promise<ImportResult> | ImportResult, budgetMs = 5000): Promise<void> {
  const started = Date.now();
  let r: ImportResult | undefined;
  let e: unknown;
  try {
    r = await run();
  } catch (err) {
    e = err;
  }
  checkOutcome(r, e, started, budgetMs);
}

const TOKENS = [
  '\t',
  '\n',
  '\n\n',
  '\t\t',
  '一级指标',
  '二级指标',
  '三级指标',
  '指标值',
  '实际完成值',
  '分值',
  '得分',
  '自评得分',
  '合计',
  '总分',
  '单位名称',
  '年初预算金额',
  '（20分）',
  '(4)',
  '98.12%',
  '10',
  '2.5',
  '1,586.78',
  '677.5 9',
  '—',
  '无',
  '≥90%',
  '≤100%',
  '一、',
  '（一）',
  '1.',
  '其中',
  '包括',
  '万元',
  '预算执行率',
  '在职人员控制率为',
  '得分为',
  '该项得分为',
  '以上均达到指标值',
  '满意度',
  '2021年度',
  '。',
  '，',
  '：',
  '优',
  'a',
  ' ',
];
const tokenText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 600 }).map((a) => a.join(''));

test('random text (any characters): a result or a clear ImportError', async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 3000 }), async (s) => outcome(() => importText(s))),
    { numRuns: 300 },
  );
});

test('random text made of table words, numbers, tabs and line breaks: a result or a clear ImportError', async () => {
  await fc.assert(
    fc.asyncProperty(tokenText, async (s) => outcome(() => importText(s))),
    { numRuns: 400 },
  );
});

test('truncated and cut-up seed reports: a partial result or a clear ImportError', async () => {
  const texts = STEMS.map(seedText);
  await fc.assert(
    fc.asyncProperty(
      fc.nat({ max: 4 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.nat({ max: 3000 }),
      async (k, a, b, cut) => {
        const t = texts[k]!;
        const end = Math.floor(t.length * a);
        // A prefix, and the same text with a random slice removed.
        await outcome(() => importText(t.slice(0, end)));
        const from = Math.floor(t.length * b);
        await outcome(() => importText(t.slice(0, from) + t.slice(from + cut)));
      },
    ),
    { numRuns: 120 },
  );
});

test('random bytes under any file name: a result or a clear ImportError', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uint8Array({ maxLength: 4000 }),
      fc.constantFrom('x.txt', 'x.docx', 'x.xlsx', 'x.pdf', 'x'),
      async (bytes, name) => outcome(() => importBuffer(bytes, { name })),
    ),
    { numRuns: 200 },
  );
});

test('corrupt DOCX and XLSX (truncated, bytes flipped): a result or a clear ImportError', async () => {
  const docx = await docxFromDoc(seedDoc('000_6ca4beea76738c10'));
  const xlsx = await xlsxFromDoc(seedDoc('004_570ec4bfa11b61a4'));
  await fc.assert(
    fc.asyncProperty(
      fc.boolean(),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { maxLength: 30 }),
      async (isDocx, cut, flips) => {
        const src = isDocx ? docx : xlsx;
        const name = isDocx ? 'broken.docx' : 'broken.xlsx';
        await outcome(
          () => importBuffer(new Uint8Array(src.subarray(0, Math.floor(src.length * cut))), { name }),
          15000,
        );
        const m = Buffer.from(src);
        for (const [at, v] of flips) m[at % m.length] = v;
        await outcome(() => importBuffer(new Uint8Array(m), { name }), 15000);
      },
    ),
    { numRuns: 60 },
  );
});

test('corrupt PDF (truncated, bytes flipped): a result or a clear ImportError', async () => {
  const pdf = minimalPdf('Self-evaluation 2021');
  await fc.assert(
    fc.asyncProperty(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { maxLength: 20 }),
      async (cut, flips) => {
        await outcome(
          () => importBuffer(new Uint8Array(pdf.subarray(0, Math.floor(pdf.length * cut))), { name: 'broken.pdf' }),
          15000,
        );
        const m = Buffer.from(pdf);
        for (const [at, v] of flips) m[at % m.length] = v;
        await outcome(() => importBuffer(new Uint8Array(m), { name: 'broken.pdf' }), 15000);
      },
    ),
    { numRuns: 60 },
  );
});

/** A DOCX whose document.xml inflates to `mb` megabytes (a few kilobytes on disk). */
async function bombDocx(mb: number): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types/>');
  const filler = 'a'.repeat(1024 * 1024);
  const body = `<w:document><w:body><w:p><w:r><w:t>${filler.repeat(mb)}</w:t></w:r></w:p></w:body></w:document>`;
  zip.file('word/document.xml', body);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Rewrites the uncompressed size the zip declares for every deflated entry (local headers and directory). */
export function lieAboutSizes(buf: Buffer, size: number): Buffer {
  const b = Buffer.from(buf);
  for (let i = 0; i + 4 <= b.length; i++) {
    const sig = b.readUInt32LE(i);
    if (sig === 0x04034b50 && i + 26 <= b.length && b.readUInt16LE(i + 8) === 8) b.writeUInt32LE(size, i + 22);
    else if (sig === 0x02014b50 && i + 28 <= b.length && b.readUInt16LE(i + 10) === 8) b.writeUInt32LE(size, i + 24);
  }
  return b;
}

test('zip bomb: an entry declaring 40 MB packed at 1000:1 is refused before inflating', async () => {
  const bomb = await bombDocx(40);
  assert.ok(bomb.length < 200 * 1024, `bomb is ${bomb.length} bytes`);
  await assert.rejects(
    importBuffer(new Uint8Array(bomb), { name: 'bomb.docx' }),
    (e: ImportError) => e.code === 'zip-bomb' && /压缩/.test(e.message),
  );
  // The same bomb inside an XLSX container is refused before exceljs sees it.
  const zip = await JSZip.loadAsync(bomb);
  zip.file('xl/workbook.xml', '<workbook/>');
  const x = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  await assert.rejects(
    importBuffer(new Uint8Array(x), { name: 'bomb.xlsx' }),
    (e: ImportError) => e.code === 'zip-bomb',
  );
});

test('zip bomb that lies about its size: inflation stops at the limit', async () => {
  const saved = LIMITS.maxZipEntryBytes;
  LIMITS.maxZipEntryBytes = 4 * 1024 * 1024;
  try {
    const bomb = lieAboutSizes(await bombDocx(12), 2000);
    const started = Date.now();
    await assert.rejects(
      importBuffer(new Uint8Array(bomb), { name: 'liar.docx' }),
      (e: ImportError) => e.code === 'zip-bomb' && /已停止读取/.test(e.message),
    );
    assert.ok(Date.now() - started < 10_000);
  } finally {
    LIMITS.maxZipEntryBytes = saved;
  }
});

test('oversized input: refused by size, before reading', async () => {
  await assert.rejects(
    importBuffer(new Uint8Array(LIMITS.maxFileBytes + 1), { name: 'huge.pdf' }),
    (e: ImportError) => e.code === 'too-large' && /文件过大/.test(e.message),
  );
  assert.throws(
    () => importText('指标\t得分\n'.repeat(Math.ceil((LIMITS.maxTextChars + 10) / 6))),
    (e: ImportError) => e.code === 'too-large',
  );
  // A file on disk larger than the limit is refused from its size alone (a sparse file: nothing is read).
  const dir = mkdtempSync(path.join(tmpdir(), 'jixiao-huge-'));
  const file = path.join(dir, 'huge.txt');
  const fd = openSync(file, 'w');
  ftruncateSync(fd, LIMITS.maxFileBytes + 1024);
  closeSync(fd);
  await assert.rejects(importFile(file), (e: ImportError) => e.code === 'too-large' && e.message.includes('huge.txt'));
  await assert.rejects(
    importFile(path.join(dir, 'missing.docx')),
    (e: ImportError) => e.code === 'unreadable' && /文件不存在/.test(e.message),
  );
});

test('empty and binary input: clear errors', async () => {
  await assert.rejects(importBuffer(new Uint8Array(0), { name: 'empty.txt' }), (e: ImportError) => e.code === 'empty');
  await assert.rejects(
    importBuffer(enc.encode('\u0000\u0001\u0002'.repeat(500)), { name: 'blob.bin' }),
    (e: ImportError) => e.code === 'unsupported',
  );
  const zip = new JSZip();
  zip.file('hello.txt', 'hi');
  await assert.rejects(
    importBuffer(new Uint8Array(await zip.generateAsync({ type: 'nodebuffer' })), { name: 'a.zip' }),
    (e: ImportError) => e.code === 'unsupported' && /既不是 DOCX 也不是 XLSX/.test(e.message),
  );
});

test('text with a UTF-8 byte-order mark, or in UTF-16: imports like plain UTF-8', async () => {
  const text = seedText('004_570ec4bfa11b61a4');
  const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(text)]);
  assert.equal((await importBuffer(withBom, { name: 'bom.txt' })).evaluation.claimed?.total, 99.5);
  const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  assert.equal((await importBuffer(new Uint8Array(u16), { name: 'utf16.txt' })).evaluation.claimed?.total, 99.5);
});
