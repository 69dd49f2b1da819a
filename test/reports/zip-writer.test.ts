import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import JSZip from 'jszip';
import { ZipWriter, zipParts } from '../../src/reports/zip-writer.js';

/** The one-pass zip writer: what another reader (jszip) finds in it, byte for byte. */
describe('zip writer', () => {
  test('deflated and stored files with Chinese names come back as written, in order', async () => {
    const big = '绩效自评表'.repeat(5000);
    const binary = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256));
    const z = new ZipWriter();
    z.add('郑州市上街区/2021年度自评报告.html', big);
    z.add('郑州市上街区/表.xlsx', binary, false);
    z.add('空.txt', '');
    const zip = await JSZip.loadAsync(z.finish(), { checkCRC32: true });
    assert.deepEqual(Object.keys(zip.files), ['郑州市上街区/2021年度自评报告.html', '郑州市上街区/表.xlsx', '空.txt']);
    assert.equal(await zip.file('郑州市上街区/2021年度自评报告.html')!.async('string'), big);
    assert.deepEqual(await zip.file('郑州市上街区/表.xlsx')!.async('nodebuffer'), binary);
    assert.equal(await zip.file('空.txt')!.async('string'), '');
  });

  test('a part compressed once and reused reads the same in every file', async () => {
    const theme = '<a:theme>' + 'x'.repeat(10_000) + '</a:theme>';
    for (const body of ['一', '二']) {
      const buf = zipParts(
        [
          ['theme.xml', theme],
          ['document.xml', body],
        ],
        { reuse: (name) => name === 'theme.xml' },
      );
      const zip = await JSZip.loadAsync(buf, { checkCRC32: true });
      assert.equal(await zip.file('theme.xml')!.async('string'), theme);
      assert.equal(await zip.file('document.xml')!.async('string'), body);
    }
  });
});
