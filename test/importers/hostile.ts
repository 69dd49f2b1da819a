import { constants, deflateRawSync, deflateSync } from 'node:zlib';

/**
 * Hostile files, generated at test time (never committed): PDF decompression bombs, an XLSX whose
 * zip headers lie about the size of a sheet that inflates to gigabytes, and an XLSX with cells at
 * the far corners of the sheet. Large inflated sizes cost little to build: one block is deflated
 * with a full flush (byte-aligned, no back-references across it) and repeated.
 */

const MOD = 65521;
function adler32(data: Uint8Array, start = 1): number {
  let a = start & 0xffff;
  let b = start >>> 16;
  for (const x of data) {
    a = (a + x) % MOD;
    b = (b + a) % MOD;
  }
  return ((b << 16) | a) >>> 0;
}
/** adler32 of A‖B from adler32(A), adler32(B) and |B| (zlib's adler32_combine). */
function adlerCombine(a1: number, a2: number, len2: number): number {
  const rem = len2 % MOD;
  let sum1 = a1 & 0xffff;
  let sum2 = (rem * sum1) % MOD;
  sum1 += (a2 & 0xffff) + MOD - 1;
  sum2 += (a1 >>> 16) + (a2 >>> 16) + MOD - rem;
  if (sum1 >= MOD) sum1 -= MOD;
  if (sum1 >= MOD) sum1 -= MOD;
  if (sum2 >= MOD << 1) sum2 -= MOD << 1;
  if (sum2 >= MOD) sum2 -= MOD;
  return ((sum2 << 16) | sum1) >>> 0;
}

/** Raw deflate of `block` repeated `times`, as a list of buffers (head, repeated body, tail). */
function repeatedDeflateRaw(block: Buffer, times: number): Buffer[] {
  const body = deflateRawSync(block, { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
  // A final empty fixed-Huffman block ends the stream: bits 1 (final), 01 (fixed), 0000000 (end).
  const end = Buffer.from([0x03, 0x00]);
  return [...Array.from({ length: times }, () => body), end];
}

/** zlib (RFC 1950) stream of `block` × `times`, with a correct checksum. */
function repeatedZlib(block: Buffer, times: number): Buffer {
  const parts = repeatedDeflateRaw(block, times);
  const one = adler32(block);
  let sum = 1;
  for (let i = 0; i < times; i++) sum = adlerCombine(sum, one, block.length);
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(sum);
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...parts, trailer]);
}

/**
 * A one-page PDF whose content stream inflates to `mb` megabytes of text-showing operators.
 * `blockKb` sets how compressible it is (larger blocks of varied text: a larger file).
 */
export function pdfBomb(mb: number, blockKb = 1024, varied = false): Buffer {
  const lines: string[] = [];
  let size = 0;
  let k = 0;
  while (size < blockKb * 1024) {
    const word = varied ? `Line${(k * 7919) % 100_003} of the report ${k % 97}` : 'AAAAAAAAAAAAAAAA';
    const l = `(${word}) Tj 0 -14 Td\n`;
    lines.push(l);
    size += l.length;
    k++;
  }
  const block = Buffer.from(lines.join(''), 'latin1');
  const times = Math.ceil((mb * 1024 * 1024) / block.length);
  const head = Buffer.from('BT /F1 12 Tf 72 720 Td\n', 'latin1');
  const stream = Buffer.concat([deflateSync(head).subarray(0, 0), repeatedZlib(block, times)]);
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(offset);
    const b =
      o === null
        ? Buffer.concat([
            Buffer.from(`${i + 1} 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
            stream,
            Buffer.from('\nendstream\nendobj\n', 'latin1'),
          ])
        : Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1');
    chunks.push(b);
    offset += b.length;
  });
  const xref = offset;
  chunks.push(
    Buffer.from(
      `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(chunks);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of data) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface ZipPart {
  name: string;
  /** Stored data, or a deflated stream with the sizes to declare. */
  data: Buffer;
  deflated?: { declaredSize: number; crc: number };
}

/** A zip written by hand, so that the sizes it declares can be anything. */
function writeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const method = p.deflated ? 8 : 0;
    const crc = p.deflated ? p.deflated.crc : crc32(p.data);
    const usize = p.deflated ? p.deflated.declaredSize : p.data.length;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0, 6);
    lh.writeUInt16LE(method, 8);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(p.data.length, 18);
    lh.writeUInt32LE(usize, 22);
    lh.writeUInt16LE(name.length, 26);
    locals.push(lh, name, p.data);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(method, 10);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(p.data.length, 20);
    ch.writeUInt32LE(usize, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    centrals.push(ch, name);
    offset += 30 + name.length + p.data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="自评表" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

function xlsxWithSheet(sheet: ZipPart['data'], deflated?: ZipPart['deflated']): Buffer {
  const stored = (name: string, text: string): ZipPart => ({ name, data: Buffer.from(text, 'utf8') });
  return writeZip([
    stored('[Content_Types].xml', CONTENT_TYPES),
    stored('_rels/.rels', ROOT_RELS),
    stored('xl/workbook.xml', WORKBOOK),
    stored('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    { name: 'xl/worksheets/sheet1.xml', data: sheet, ...(deflated && { deflated }) },
  ]);
}

/** An XLSX whose sheet inflates to `mb` megabytes while its zip headers declare 4 KB. */
export function xlsxLyingSizes(mb: number): Buffer {
  const row = '<row><c t="inlineStr"><is><t>预算执行率</t></is></c><c><v>10</v></c></row>';
  const block = Buffer.from(row.repeat(Math.ceil((256 * 1024) / row.length)), 'utf8');
  const times = Math.ceil((mb * 1024 * 1024) / block.length);
  const head =
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const body = Buffer.concat([
    deflateRawSync(Buffer.from(head, 'utf8'), { finishFlush: constants.Z_FULL_FLUSH }),
    ...repeatedDeflateRaw(block, times),
  ]);
  return xlsxWithSheet(body, { declaredSize: 4096, crc: 0x12345678 });
}

/** A tiny XLSX with cells at XFD1 and A1048576 (the sheet's far corners). */
export function xlsxFarCells(): Buffer {
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>指标名称</t></is></c><c r="B1" t="inlineStr"><is><t>得分</t></is></c><c r="XFD1"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>2</v></c></row></sheetData></worksheet>`;
  const data = deflateRawSync(Buffer.from(sheet, 'utf8'));
  return xlsxWithSheet(data, { declaredSize: Buffer.byteLength(sheet), crc: crc32(Buffer.from(sheet, 'utf8')) });
}
