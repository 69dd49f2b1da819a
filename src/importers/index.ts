import path from 'node:path';
import type { AuditFacts } from '../core/audit/types.js';
import { type Evaluation, EvaluationError } from '../core/evaluation.js';
import { score } from '../core/scoring.js';
import type { Framework } from '../core/framework/model.js';
import type { FrameworkSource } from '../core/framework/schema.js';
import { builtinFrameworks } from '../load/frameworks.js';
import { buildEvaluation, type Confidence } from './build.js';
import { type Doc, layoutText } from './document.js';
import { readDocx } from './docx.js';
import { decodeBytes, readHtml } from './html.js';
import { readDoc } from './extract.js';
import { describeFound } from './found.js';
import { stitchTables } from './stitch.js';
import { ImportError, LIMITS, mb, readBoundedFile } from './limits.js';
import { readPdf } from './pdf.js';
import { recognise, recogniseProject } from './recognise.js';
import { Resolver } from './resolver.js';
import { readXlsx } from './xlsx.js';
import { libraryReason } from './text-util.js';

export { ImportError, LIMITS } from './limits.js';
export type { Confidence } from './build.js';

export type Format = Doc['format'];

export interface ImportResult {
  file?: string;
  format: Format;
  evaluation: Evaluation;
  framework: Framework;
  /** True when a built-in framework matched; false when it was rebuilt from the table. */
  recognised: boolean;
  /** The rebuilt framework as data (YAML-ready), when not recognised. */
  frameworkSource?: FrameworkSource;
  recognition?: { recall: number; found: number; leaves: number };
  /** One note per field that was guessed or interpreted. */
  confidence: Confidence[];
  /** Table facts for the audit (rates beside amounts, parts beside totals). */
  facts: AuditFacts;
  /** Indicator rows read, and rows whose name matched no indicator. */
  stats: { rows: number; matched: number; unmatched: string[] };
}

export interface ImportOptions {
  /** Frameworks to recognise against (default: the built-in ones). */
  frameworks?: Framework[];
  /** Use this framework instead of recognising one. */
  framework?: Framework;
  /** Name used in messages and `source`. */
  name?: string;
}

/** Interprets a laid-out document; without a score table, the error says what was found. */
export function importDoc(doc: Doc, opts: ImportOptions = {}): ImportResult {
  try {
    return interpret(doc, opts);
  } catch (e) {
    if (e instanceof ImportError && e.code === 'no-table' && e.found === undefined) {
      throw new ImportError(e.code, e.detail, e.file ?? opts.name, describeFound(doc, readDoc(doc)));
    }
    throw e;
  }
}

function interpret(input: Doc, opts: ImportOptions): ImportResult {
  const doc = stitchTables(input);
  const frameworks = opts.frameworks ?? builtinFrameworks().list();
  const generic = readDoc(doc);
  const rec = opts.framework
    ? undefined
    : (recognise(generic.nameCells, frameworks) ??
      recogniseProject(
        generic.nameCells,
        [doc.title ?? '', ...generic.paragraphs.slice(0, 40).map((p) => p.text)].join('\n'),
        frameworks,
      ));
  const fw = opts.framework ?? rec?.framework;
  const x = fw ? readDoc(doc, { resolver: new Resolver(fw) }) : generic;
  if (!x.rows.length && !x.budgetRows.some((b) => b.score !== undefined)) {
    throw new ImportError('no-table', '未识别出绩效指标评分表（需有表头：指标名称、分值、得分等）', opts.name);
  }
  const built = buildEvaluation(x, {
    ...(fw && { framework: fw }),
    ...(rec && { recognition: rec }),
    ...(opts.name && { file: opts.name }),
  });
  settle(built.framework, built.evaluation, built.confidence);
  const scored = x.rows.filter((r) => r.hasScoreColumn);
  const result: ImportResult = {
    format: doc.format,
    evaluation: built.evaluation,
    framework: built.framework,
    recognised: built.recognised,
    confidence: built.confidence,
    facts: built.facts,
    stats: {
      rows: scored.length,
      matched: scored.filter((r) => r.leaf || r.addTo).length,
      unmatched: scored.filter((r) => !r.leaf && !r.addTo).map((r) => r.name),
    },
  };
  if (opts.name) result.file = opts.name;
  if (built.frameworkSource) result.frameworkSource = built.frameworkSource;
  if (rec) result.recognition = { recall: rec.recall, found: rec.found, leaves: rec.leaves };
  for (const n of doc.notes) result.confidence.push({ field: 'document', note: n });
  const seen = new Set<string>();
  result.confidence = result.confidence.filter((c) => {
    const k = `${c.field}\u0000${c.note}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return result;
}

/** The evaluation must score: entries the framework cannot place are removed, with a note. */
function settle(fw: Framework, ev: Evaluation, notes: Confidence[]): void {
  for (let round = 0; round < 3; round++) {
    try {
      score(fw, ev);
      return;
    } catch (e) {
      if (!(e instanceof EvaluationError)) throw e;
      for (const i of e.issues) {
        const [a, b, c] = i.src;
        if (a === 'indicators' && typeof b === 'string') delete ev.indicators[b];
        else if (a === 'claimed' && b === 'subtotals' && typeof c === 'string' && ev.claimed?.subtotals)
          delete ev.claimed.subtotals[c];
        else if (a === 'tailoring') delete (ev as { tailoring?: unknown }).tailoring;
        notes.push({ field: i.src.join('.'), note: `${i.message}（已移除）` });
      }
    }
  }
  throw new ImportError('unreadable', '导入结果无法按指标框架计分');
}

export function importText(text: string, opts: ImportOptions = {}): ImportResult {
  if (!text.trim()) throw new ImportError('empty', '文件为空', opts.name);
  return importDoc(layoutText(text), opts);
}

/** Decodes text files: a BOM, else UTF-8 if valid, else GB18030 (GBK, GB2312) as Chinese tools write. */
export function decodeText(buf: Uint8Array): string {
  return decodeBytes(buf);
}

const looksHtml = (buf: Uint8Array) =>
  /^\s*(<!--[\s\S]*?-->\s*)*(<\?xml[^>]*>\s*)?(<!doctype\s+html|<html[\s>]|<head[\s>]|<meta\s)/i.test(
    Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.byteLength, 2048))
      .toString('latin1')
      .replace(/^\xef\xbb\xbf/, ''),
  );

export function detectFormat(buf: Uint8Array, name = ''): Format | 'zip' {
  const ext = path.extname(name).toLowerCase();
  if (buf.length >= 4 && buf[0] === 0x25 && buf[1] === 0x50 && buf[2] === 0x44 && buf[3] === 0x46) return 'pdf';
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && (buf[2] === 3 || buf[2] === 5 || buf[2] === 7)) {
    if (ext === '.docx') return 'docx';
    if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
    return 'zip';
  }
  if (ext === '.pdf') return 'pdf';
  if (ext === '.docx') return 'docx';
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.html' || ext === '.htm' || ext === '.shtml' || looksHtml(buf)) return 'html';
  return 'text';
}

/** Imports a file's bytes: plain text or Markdown, a web page, DOCX, XLSX or PDF (by content, then by extension). */
export async function importBuffer(buf: Uint8Array, opts: ImportOptions = {}): Promise<ImportResult> {
  const name = opts.name;
  if (buf.length > LIMITS.maxFileBytes)
    throw new ImportError('too-large', `文件过大（${mb(buf.length)}，上限${mb(LIMITS.maxFileBytes)}）`, name);
  if (buf.length === 0) throw new ImportError('empty', '文件为空', name);
  let fmt = detectFormat(buf, name);
  try {
    if (fmt === 'zip') fmt = await zipKind(buf, name);
    let doc: Doc;
    if (fmt === 'docx') doc = await readDocx(buf, name);
    else if (fmt === 'xlsx') doc = await readXlsx(buf, name);
    else if (fmt === 'pdf') doc = await readPdf(buf, name);
    else if (fmt === 'html') {
      if (buf.length > LIMITS.maxTextChars * 4)
        throw new ImportError('too-large', `网页文件过大（${mb(buf.length)}）`, name);
      doc = readHtml(buf, name);
    } else {
      if (buf.length > LIMITS.maxTextChars * 4)
        throw new ImportError('too-large', `文本文件过大（${mb(buf.length)}）`, name);
      const utf16 = buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff));
      if (!utf16 && looksBinary(buf))
        throw new ImportError('unsupported', '不是可识别的文本、网页、DOCX、XLSX 或 PDF 文件', name);
      return importText(decodeText(buf), opts);
    }
    return importDoc(doc, opts);
  } catch (e) {
    if (e instanceof ImportError) throw e.file || !name ? e : new ImportError(e.code, e.detail, name, e.found);
    throw new ImportError('unreadable', `无法读取该文件，文件已损坏或格式不受支持${libraryReason(e)}`, name);
  }
}

async function zipKind(buf: Uint8Array, name?: string): Promise<Format> {
  const { listZip } = await import('./zip.js');
  const entries = await listZip(buf, name);
  if (entries.includes('word/document.xml')) return 'docx';
  if (entries.includes('xl/workbook.xml')) return 'xlsx';
  throw new ImportError('unsupported', '压缩包既不是 DOCX 也不是 XLSX', name);
}

function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 4096);
  let zeros = 0;
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0) zeros++;
    else if (b < 9 || (b > 13 && b < 32)) ctrl++;
  }
  return zeros > n * 0.1 || ctrl > n * 0.1;
}

export async function importFile(file: string, opts: ImportOptions = {}): Promise<ImportResult> {
  return importBuffer(await readBoundedFile(file), { ...opts, name: opts.name ?? file });
}
