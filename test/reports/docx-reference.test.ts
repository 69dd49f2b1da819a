import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import JSZip from 'jszip';
import { scoreFile } from '../../src/load/evaluations.js';
import { buildReport } from '../../src/reports/build.js';
import { renderDocx } from '../../src/reports/docx.js';
import type { FontSet } from '../../src/reports/fonts.js';
import type { ReportDocument } from '../../src/reports/model.js';
import { renderDocxReference } from './docx-reference.js';
import { referenceFiles, referenceVariants } from './helpers.js';

/**
 * The DOCX writer builds WordprocessingML as strings (issue 16.4); the docx library's writer it replaced
 * is kept in ./docx-reference.ts. Every part of every example's report and 审核意见, draft or not, in the
 * official and the Noto font names, must be the library's, character for character — but for the
 * creation time and the watermark shapes' random ids — so the files open and print as before
 * (test/reports/files.test.ts opens them with LibreOffice).
 */

async function parts(buf: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(buf);
  const out = new Map<string, string>();
  for (const f of Object.values(zip.files)) {
    if (f.dir) continue;
    const text = (await f.async('string'))
      .replace(/(<dcterms:(created|modified) xsi:type="dcterms:W3CDTF">)[^<]*/g, '$1…')
      .replace(/PowerPlusWaterMarkObject[A-Za-z0-9_-]+/g, 'PowerPlusWaterMarkObject…');
    out.set(f.name, text);
  }
  return out;
}

async function same(doc: ReportDocument, fontSet: FontSet, label: string): Promise<void> {
  const [mine, theirs] = await Promise.all([
    parts(await renderDocx(doc, { fontSet })),
    parts(await renderDocxReference(doc, { fontSet })),
  ]);
  assert.deepEqual([...mine.keys()].sort(), [...theirs.keys()].sort(), `${label}: parts`);
  for (const [name, xml] of theirs) {
    const got = mine.get(name)!;
    if (got === xml) continue;
    let i = 0;
    while (got[i] === xml[i]) i++;
    assert.fail(
      `${label} ${name} differs at ${i}:\n  library: …${xml.slice(Math.max(0, i - 120), i + 120)}\n  strings: …${got.slice(Math.max(0, i - 120), i + 120)}`,
    );
  }
}

const files = referenceFiles();

describe('DOCX as strings = the docx library, part for part', () => {
  for (const file of files) {
    test(path.basename(file), async () => {
      for (const v of referenceVariants(file)) await same(v.doc, v.fontSet, v.label);
    });
  }

  test('text that needs escaping', async () => {
    const s = scoreFile(files[0]!);
    const doc = buildReport(s.framework, { ...s.evaluation, unit: `A&B <"单位'>\u0001` }, s.result, { draft: true });
    await same(doc, 'gb', 'escaping');
  });
});
