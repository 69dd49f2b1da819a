/** Starting an evaluation from last year's, from an uploaded report, or from the round's template filled offline. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { carryOver } from '../../src/core/carry-over.js';
import { EvaluationSchema } from '../../src/core/evaluation.js';
import { PACKAGE_ROOT } from '../../src/load/paths.js';
import { backends, makeWorld, seedDocument, type World } from './support.js';

test('carryOver: what repeats is kept and marked, what belongs to the year is cleared and listed', () => {
  const prev = EvaluationSchema.parse({ ...seedDocument(), unit: '甲', framework: 'zhengzhou-shangjie-2021' });
  const co = carryOver(prev, { sameFramework: true });
  const doc = co.document as {
    figures?: Record<string, unknown>;
    tasks: Array<Record<string, unknown>>;
    indicators: Record<string, Record<string, unknown>>;
    narrative: Record<string, string>;
  };
  assert.equal(doc.figures, undefined, 'seed 000 has no staffing, balance or 三公 budget to carry');
  assert.deepEqual(doc.tasks[0], { name: prev.tasks![0]!.name, content: prev.tasks![0]!.content });
  assert.deepEqual(doc.indicators.预算执行率, { target: '≥100%' });
  assert.equal(doc.indicators.工作任务科学性, undefined, 'no 指标值 printed: nothing to carry');
  assert.ok(co.fields.includes('indicators.预算执行率.target'));
  const cleared = new Map(co.cleared.map((c) => [c.field, c.old]));
  assert.equal(cleared.get('figures.budget.initial'), 830.78);
  assert.equal(cleared.get('indicators.预算执行率.actual'), '98.12%');
  assert.equal(cleared.get('tasks.0.executed'), 66);
  for (const [k, t] of Object.entries(doc.narrative))
    assert.equal(
      t === '',
      !/基本情况/.test(k),
      `${k}: sections about the unit keep their text, the year’s are emptied`,
    );
  assert.ok(cleared.has('narrative.五、发现的主要问题和改进措施'));
  const other = carryOver(prev, { sameFramework: false }).document;
  assert.equal(other.indicators, undefined, 'another framework: no indicators');
});

describe('start from something (pglite)', { concurrency: 1 }, () => {
  let w: World;
  let r2022: number;
  before(async () => {
    w = await makeWorld(backends()[0]!);
    const admin = await w.as('a-admin');
    const fv = (await admin.get(`/api/rounds/${w.round.A}`)).body.frameworkVersionId;
    r2022 = (await admin.post('/api/rounds', { name: '2022年度自评', year: 2022, frameworkVersionId: fv })).body.id;
  });
  after(async () => w?.close());

  test('from last year: a draft with marks; a change or a confirmation clears them; the bureau sees none', async () => {
    const filler = await w.as('u1-filler');
    const r = await filler.post(`/api/rounds/${r2022}/evaluations`, { from: 'previous' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.status, 'draft');
    assert.equal(r.body.provenance.source, 'previous');
    assert.match(r.body.provenance.label, /2021年度评价/);
    assert.equal(r.body.document.indicators.预算执行率.target, '≥100%');
    assert.equal(r.body.document.figures.budget, undefined, 'the year’s money is not carried');
    assert.ok(r.body.provenance.cleared.some((c: { field: string }) => c.field === 'figures.budget.initial'));
    const marked = r.body.provenance.fields.length;
    const doc = r.body.document;
    doc.indicators.预算执行率.target = '≥98%';
    const saved = await filler.put(`/api/evaluations/${r.body.id}`, { version: r.body.version, document: doc });
    assert.equal(saved.status, 200);
    assert.equal(saved.body.provenance.fields.length, marked - 1);
    assert.ok(!saved.body.provenance.fields.includes('indicators.预算执行率.target'));
    const reviewer = await w.as('a-reviewer');
    assert.equal((await reviewer.get(`/api/evaluations/${r.body.id}`)).body.provenance, null);
    const done = await filler.post(`/api/evaluations/${r.body.id}/confirm`, { version: saved.body.version });
    assert.equal(done.status, 200);
    assert.equal(done.body.provenance, null);
    const h = (await filler.get(`/api/evaluations/${r.body.id}/history`)).body as Array<{ action: string }>;
    assert.ok(h.some((e) => e.action === 'confirm'));
  });

  test('nothing earlier: 409 with a Chinese message', async () => {
    const admin = await w.as('a-admin');
    const fv = (await admin.get(`/api/rounds/${w.round.A}`)).body.frameworkVersionId;
    const r2020 = (await admin.post('/api/rounds', { name: '2020年度自评', year: 2020, frameworkVersionId: fv })).body
      .id;
    const r = await (await w.as('u2-filler')).post(`/api/rounds/${r2020}/evaluations`, { from: 'previous' });
    assert.equal(r.status, 409);
    assert.match(r.body.error.message, /没有评价，无法沿用上年内容/);
  });

  test('from an uploaded report: parsed in the sandbox, every value marked as imported', async () => {
    const bytes = readFileSync(path.join(PACKAGE_ROOT, 'examples', 'reports', '000_6ca4beea76738c10.txt'));
    const r = await (await w.as('u2-filler')).upload(`/api/rounds/${r2022}/evaluations/import`, '上年报告.txt', bytes);
    assert.equal(r.status, 201, JSON.stringify(r.body).slice(0, 500));
    assert.equal(r.body.provenance.source, 'import');
    assert.equal(r.body.provenance.label, '上年报告.txt');
    assert.equal(r.body.document.figures.budget.initial, 830.78);
    assert.ok(r.body.provenance.fields.includes('figures.budget.initial'));
    assert.ok(Object.keys(r.body.document.indicators).length > 5, 'the round’s framework: indicators kept');
    const bad = await (
      await w.as('u1s-filler')
    ).upload(`/api/rounds/${r2022}/evaluations/import`, 'x.pdf', new Uint8Array([1, 2, 3]));
    assert.equal(bad.status, 422);
    assert.match(bad.body.error.message, /[\u4e00-\u9fff]/);
  });

  test('from the round’s template filled offline', async () => {
    const t = await (await w.as('u1s-filler')).get(`/api/rounds/${r2022}/template`);
    assert.equal(t.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(t.body) as unknown as ArrayBuffer);
    const fig = wb.getWorksheet('基础数据')!;
    fig.eachRow((row) => {
      if (row.getCell(1).value === 'figures.budget.initial') row.getCell(3).value = 512.5;
      if (row.getCell(1).value === 'figures.budget.executed') row.getCell(3).value = '500.00';
    });
    const ind = wb.getWorksheet('指标')!;
    ind.eachRow((row) => {
      if (row.getCell(1).value === '预算执行率') {
        row.getCell(5).value = '97.56%';
        row.getCell(6).value = '压减支出';
      }
    });
    wb.getWorksheet('工作任务')!.addRow(['代表培训', '组织代表学习', 20, 20, 18, 18, '基本完成']);
    const filled = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await (await w.as('u1s-filler')).upload(`/api/rounds/${r2022}/evaluations/import`, '模板.xlsx', filled);
    assert.equal(r.status, 201, JSON.stringify(r.body).slice(0, 500));
    assert.equal(r.body.provenance.source, 'template');
    assert.equal(r.body.document.figures.budget.initial, 512.5);
    assert.equal(r.body.document.figures.budget.executed, 500);
    assert.equal(r.body.document.indicators.预算执行率.actual, '97.56%');
    assert.equal(r.body.document.tasks[0].executed, 18);
    assert.ok(r.body.provenance.fields.includes('tasks.0.name'));
  });
});
