/**
 * Limits that keep importers safe on hostile or broken input: every importer checks them before
 * and while it reads, and reports a clear ImportError instead of exhausting memory or time.
 */
import { readFile, stat } from 'node:fs/promises';
export const LIMITS = {
  /** Largest file accepted at all (bytes). */
  maxFileBytes: 30 * 1024 * 1024,
  /** Largest text handed to the text parser (characters). */
  maxTextChars: 3_000_000,
  /** Largest number of lines the text parser looks at. */
  maxLines: 200_000,
  /** Zip containers (DOCX, XLSX): entries, one entry's and all entries' uncompressed size. */
  maxZipEntries: 5_000,
  maxZipEntryBytes: 60 * 1024 * 1024,
  maxZipTotalBytes: 150 * 1024 * 1024,
  /** Compression ratio above which an entry is treated as a zip bomb. */
  maxZipRatio: 400,
  /** Spreadsheets: rows and columns read per sheet, sheets per workbook. */
  maxSheetRows: 20_000,
  maxSheetCols: 200,
  maxSheets: 50,
  /** Cell elements per sheet, counted before the spreadsheet library builds any. */
  maxSheetCells: 500_000,
  /** PDF: pages read, and a time budget for the whole extraction (ms). */
  maxPdfPages: 500,
  pdfTimeoutMs: 60_000,
  /** PDF: one stream's and all streams' decompressed size (images excepted), checked before pdf.js reads them. */
  maxPdfStreamBytes: 64 * 1024 * 1024,
  maxPdfInflatedBytes: 256 * 1024 * 1024,
  /** PDF: characters of text read per page; the page's text stream is cancelled past it. */
  maxPdfPageChars: 100_000,
  /** The sandbox every untrusted file is parsed in: memory cap of the parsing process and wall-clock deadline. */
  sandboxMemoryMb: 512,
  sandboxTimeoutMs: 60_000,
  /** Cells longer than this are not read as names (standards, explanations). */
  maxNameChars: 60,
};

export type ImportErrorCode =
  | 'too-large'
  | 'empty'
  | 'unsupported'
  | 'corrupt'
  | 'zip-bomb'
  | 'pdf-bomb'
  | 'memory'
  | 'timeout'
  | 'no-table'
  | 'unreadable';

/** A file the importer cannot read: the message is Chinese and names the file and the reason. */
export class ImportError extends Error {
  /** The reason without the file name. */
  readonly detail: string;
  constructor(
    public readonly code: ImportErrorCode,
    message: string,
    public readonly file?: string,
    /** What was recognised although no score table was found (JSON data: unit, year, kind, sections…). */
    public readonly found?: unknown,
  ) {
    super(file ? `${file}：${message}` : message);
    this.name = 'ImportError';
    this.detail = message;
  }
}

export function mb(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** A file's bytes, refused before it is read when it is missing or over the size limit. */
export async function readBoundedFile(file: string): Promise<Uint8Array> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (e) {
    throw new ImportError(
      'unreadable',
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : `无法读取：${(e as Error).message}`,
      file,
    );
  }
  if (size > LIMITS.maxFileBytes)
    throw new ImportError('too-large', `文件过大（${mb(size)}，上限${mb(LIMITS.maxFileBytes)}）`, file);
  const buf = await readFile(file);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
