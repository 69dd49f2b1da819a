import JSZip from 'jszip';
import { ImportError, LIMITS, mb } from './limits.js';

/**
 * Zip containers (DOCX, XLSX) opened defensively: the directory is read first and refused when it
 * declares too many entries, too much data or an implausible compression ratio (zip bombs); entries
 * are then inflated as a stream and abandoned as soon as they exceed the limit, whatever the
 * directory claimed.
 */
interface Declared {
  uncompressedSize?: number;
  compressedSize?: number;
}

export async function openZip(buf: Uint8Array, name?: string): Promise<JSZip> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buf, { checkCRC32: false });
  } catch (e) {
    throw new ImportError('corrupt', `文件已损坏，无法作为 DOCX/XLSX（zip）读取：${(e as Error).message}`, name);
  }
  const files = Object.values(zip.files);
  if (files.length > LIMITS.maxZipEntries)
    throw new ImportError('zip-bomb', `压缩包内文件过多（${files.length}个，上限${LIMITS.maxZipEntries}个）`, name);
  let total = 0;
  for (const f of files) {
    const d = (f as unknown as { _data?: Declared })._data;
    const size = d?.uncompressedSize ?? 0;
    const packed = d?.compressedSize ?? 0;
    total += size;
    if (size > LIMITS.maxZipEntryBytes)
      throw new ImportError(
        'zip-bomb',
        `压缩包内“${f.name}”解压后达${mb(size)}，超过上限${mb(LIMITS.maxZipEntryBytes)}`,
        name,
      );
    if (packed > 0 && size / packed > LIMITS.maxZipRatio && size > 1024 * 1024) {
      throw new ImportError(
        'zip-bomb',
        `压缩包内“${f.name}”压缩比异常（${Math.round(size / packed)}:1），疑为压缩炸弹`,
        name,
      );
    }
  }
  if (total > LIMITS.maxZipTotalBytes)
    throw new ImportError('zip-bomb', `压缩包解压后共${mb(total)}，超过上限${mb(LIMITS.maxZipTotalBytes)}`, name);
  return zip;
}

export async function listZip(buf: Uint8Array, name?: string): Promise<string[]> {
  const zip = await openZip(buf, name);
  return Object.keys(zip.files);
}

/** One entry as text, inflated with a byte cap. */
export async function readEntry(
  zip: JSZip,
  entry: string,
  name?: string,
  cap = LIMITS.maxZipEntryBytes,
): Promise<string | undefined> {
  const f = zip.file(entry);
  if (!f) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    const s = f.nodeStream('nodebuffer');
    let done = false;
    const fail = (e: Error) => {
      if (done) return;
      done = true;
      s.removeAllListeners('data');
      (s as unknown as { pause?: () => void }).pause?.();
      reject(e);
    };
    s.on('data', (c: Buffer) => {
      size += c.length;
      if (size > cap) {
        fail(new ImportError('zip-bomb', `“${entry}”解压后超过${mb(cap)}，疑为压缩炸弹，已停止读取`, name));
        return;
      }
      chunks.push(c);
    });
    s.on('error', (e: Error) => fail(new ImportError('corrupt', `“${entry}”无法解压：${e.message}`, name)));
    s.on('end', () => {
      if (done) return;
      done = true;
      resolve();
    });
  });
  return Buffer.concat(chunks).toString('utf8');
}
