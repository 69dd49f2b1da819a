import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { EvaluationSchema } from '../../src/core/evaluation.js';
import { score } from '../../src/core/scoring.js';
import { layoutText } from '../../src/importers/document.js';
import { importFile, importText, type ImportResult } from '../../src/importers/index.js';
import { scoreText } from '../../src/load/evaluations.js';
import { seedPath, seedText, STEMS } from './fixtures.js';

// The five seed reports, as plain text extracted from PDF/Word, imported into structured evaluations.
const imported = new Map<string, ImportResult>();
const get = async (stem: string) => {
  if (!imported.has(stem)) imported.set(stem, await importFile(seedPath(stem)));
  return imported.get(stem)!;
};
const claimedSum = (r: ImportResult) =>
  Math.round(Object.values(r.evaluation.indicators).reduce((a, i) => a + (i.claimed ?? 0), 0) * 100) / 100;
const conf = (r: ImportResult, field: RegExp) => r.confidence.filter((c) => field.test(c.field));

const EXPECTED = {
  '000_6ca4beea76738c10': {
    unit: '郑州市上街区人民代表大会常务委员会办公室',
    year: 2021,
    framework: 'zhengzhou-shangjie-2021',
    total: 98.8,
    grade: '优',
    rows: 23,
    indicators: 24,
  },
  '001_8c0df9642cd3f24a': {
    unit: '晋中市人民代表大会常务委员会办公室',
    year: 2021,
    framework: 'jinzhong-2021',
    total: 97.8,
    grade: '优',
    rows: 26,
    indicators: 26,
  },
  '002_a0eb83d49e186f2c': {
    unit: '益阳市赫山区人民政府办公室',
    year: 2021,
    framework: 'yiyang-heshan-2021',
    total: 93,
    grade: undefined,
    rows: 28,
    indicators: 28,
  },
  '003_a5aa38cac94662cb': {
    unit: '深圳市龙华区人民政府办公室',
    year: 2021,
    framework: 'shenzhen-longhua-2019',
    total: undefined,
    grade: undefined,
    rows: 21,
    indicators: 21,
  },
  '004_570ec4bfa11b61a4': {
    unit: '北京市怀柔区人大常委会办公室',
    year: 2024,
    framework: 'beijing-huairou-2024',
    total: 99.5,
    grade: undefined,
    rows: 16,
    indicators: 16,
  },
} as const;

for (const stem of STEMS) {
  const e = EXPECTED[stem];
  test(`${stem}: unit, year, framework recognised, every scored row matched`, async () => {
    const r = await get(stem);
    assert.equal(r.format, 'text');
    assert.equal(r.evaluation.unit, e.unit);
    assert.equal(r.evaluation.year, e.year);
    assert.equal(r.framework.id, e.framework);
    assert.equal(r.recognised, true);
    assert.equal(r.stats.rows, e.rows);
    assert.equal(r.stats.matched, e.rows);
    assert.deepEqual(r.stats.unmatched, []);
    assert.equal(Object.keys(r.evaluation.indicators).length, e.indicators);
    assert.ok(EvaluationSchema.safeParse(r.evaluation).success);
  });

  test(`${stem}: claimed scores sum to the stated total${e.total === undefined ? ' (none printed: 98)' : ''}`, async () => {
    const r = await get(stem);
    assert.equal(r.evaluation.claimed?.total, e.total);
    assert.equal(r.evaluation.claimed?.grade, e.grade);
    assert.equal(claimedSum(r), e.total ?? 98);
  });

  test(`${stem}: the YAML output is a valid evaluation that \`jixiao score\` runs on`, async () => {
    const r = await get(stem);
    const s = scoreText(stringify(r.evaluation), `${stem}.yaml`);
    assert.equal(s.framework.id, e.framework);
    assert.equal(s.result.claimedTotal, e.total ?? 98);
    assert.equal(s.result.total, score(r.framework, r.evaluation).total);
  });
}

test('000 上街: tasks, budget table, the level-1 预算执行率 from the 预算情况 row, tailoring inferred', async () => {
  const r = await get('000_6ca4beea76738c10');
  const ev = r.evaluation;
  assert.deepEqual(ev.figures.budget, {
    initial: 830.78,
    executed: 815.13,
    basic: { budget: 676.78, executed: 677.59 },
    project: { budget: 154, executed: 137.54 },
  });
  assert.equal(ev.tasks?.length, 3);
  assert.deepEqual(ev.tasks?.[1], {
    name: '代表视察、调研、学习、培训',
    content: '保障区人大代表在闭会期间的正常履职需要，组织区人大代表在闭会期间的视察、调研及各类学习培训',
    budget: 88,
    fiscalBudget: 88,
    executed: 71.54,
    fiscalExecuted: 71.54,
    status: '基本完成',
  });
  // “677.5 676.78”: overlapping digits, read as 676.78 (the basic budget), with a note.
  assert.equal(ev.tasks?.[2]?.budget, 676.78);
  assert.ok(conf(r, /^tasks\[2\]$/).some((c) => /677\.5 676\.78/.test(c.note)));
  assert.deepEqual(ev.indicators['预算执行率'], {
    claimed: 9.8,
    actual: '98.12%',
    deviationReason: '财力紧张，压减支出。严格按照年初预算计划，合理安排支出。',
  });
  assert.deepEqual(ev.indicators['投入管理指标/预算和财务管理/预算执行率'], {
    claimed: 1,
    actual: '98.12%',
    deviationReason: '财力紧张，压减支出',
  });
  // Name and 指标值 printed in one cell.
  assert.deepEqual(ev.indicators['“三公经费”控制率'], { claimed: 1, actual: '95%' });
  assert.deepEqual(ev.tailoring, { drop: ['可持续性指标'], weights: { 投入管理指标: 40 } });
  assert.equal(
    ev.goals,
    '1. 组织召开上街区人民代表大会议。2. 组织区人大代表开展履职活动。3. 保障机关各项工作正常运转。',
  );
  assert.ok(Object.keys(ev.narrative ?? {}).some((k) => k.includes('1. 投入管理指标情况分析')));
});

test('001 晋中: the form table’s figures, staffing from the text, sub-totals, the score run into the cell before it', async () => {
  const r = await get('001_8c0df9642cd3f24a');
  const ev = r.evaluation;
  assert.deepEqual(ev.figures.budget, {
    carryOver: 20.73,
    initial: 1540.3,
    adjustment: 40.81,
    otherAdjustment: 0,
    executed: 1586.78,
    balance: 15.06,
    finalAccounts: 1586.78,
  });
  assert.deepEqual(ev.figures.staffing, { authorized: 61, actual: 57, retired: 56 });
  assert.deepEqual(ev.claimed?.subtotals, { 投入: 16, 过程: 40.8, 产出: 22, 效果: 19 });
  assert.equal(ev.indicators['财务管理制度']?.claimed, 3);
  assert.ok(conf(r, /财务管理制度/).some((c) => /制度等管理制度\(3\.00/.test(c.note)));
  // The two leaves printed as “三公经费” are told apart by their 二级 (预算配置 / 预算执行).
  assert.equal(ev.indicators['三公经费变动率']?.claimed, 3);
  assert.equal(ev.indicators['三公经费控制率']?.claimed, 2);
  assert.equal(ev.indicators['结转结余率']?.claimed, 2.8);
  assert.equal(r.facts.weightTotal?.stated, 100);
  assert.ok(Object.keys(ev.narrative ?? {}).includes('单位人员情况'));
});

test('002 赫山: weights printed inside the names, the two 管理制度健全性 told apart, staffing, 项目 budget', async () => {
  const r = await get('002_a0eb83d49e186f2c');
  const ev = r.evaluation;
  assert.equal(ev.indicators['预算管理制度健全性']?.claimed, 2);
  assert.equal(ev.indicators['资产管理制度健全性']?.claimed, 2);
  assert.deepEqual(ev.figures.staffing, { authorized: 77, actual: 69 });
  assert.deepEqual(ev.figures.budget, { basic: { budget: 585.99 }, project: { budget: 251.7 } });
  assert.equal(ev.tailoring, undefined);
  assert.ok(Object.keys(ev.narrative ?? {}).some((k) => k.startsWith('七、存在的问题')));
});

test('003 龙华: claims from the 自评表 (not the framework table), figures from the text, 偏差原因 from 存在问题', async () => {
  const r = await get('003_a5aa38cac94662cb');
  const ev = r.evaluation;
  assert.deepEqual(ev.figures.budget?.quarterly, [26.1, 50.6, 73.6, 99.45]);
  assert.deepEqual(ev.figures.threePublic, { budget: 12.4, actual: 8.7 });
  assert.deepEqual(ev.figures.publicFunds, { budget: 168.51, actual: 166.35 });
  assert.deepEqual(ev.figures.procurement, { budget: 659.98, actual: 659.98 });
  assert.deepEqual(ev.figures.assets, { total: 807.05, inUse: 807.05 });
  assert.deepEqual(ev.figures.staffing, { authorized: 83, onPayroll: 70, supernumerary: 53 });
  assert.deepEqual(ev.figures.tasks, { projects: 25, projectsOnTime: 25 });
  assert.equal(ev.figures.satisfaction, undefined, 'a 综合评分 is not a 满意度: left to the audit as evidence');
  assert.equal(ev.indicators['编外人员控制率']?.claimed, 0);
  assert.match(ev.indicators['编外人员控制率']?.deviationReason ?? '', /^编外人员控制率偏高/);
  assert.match(ev.indicators['公用经费控制率']?.deviationReason ?? '', /^公用经费控制率偏高/);
  assert.equal(ev.claimed?.total, undefined);
  assert.equal(ev.contact, '填报人 骆彬；联系电话 23338013');
});

test('004 怀柔: the unit’s own indicators added under 产出/效果, “无” read as 0%, the unit name completed from the text', async () => {
  const r = await get('004_570ec4bfa11b61a4');
  const ev = r.evaluation;
  const added = ev.tailoring?.add ?? [];
  assert.deepEqual(
    added.map((a) => `${a.parent}:${a.name}:${a.weight}`),
    [
      '产出:日常办公费等保障工作的采购:10',
      '产出:开展会议、培训、外出考察:5',
      '产出:保障人员经费:10',
      '产出:支出合理性:5',
      '效果:保障区人大常委会机关正常开展工作和人大代表依法履职:10',
      '效果:做节约型机关、遵循可持续发展理念:10',
      '效果:提升怀柔人大常委会机关服务工作水平和人大代表履职能力:5',
      '效果:工作人员满意度 领导群众满意度:5',
    ],
  );
  assert.deepEqual(added[7]?.rule, { kind: 'qualitative' });
  assert.deepEqual(ev.indicators['开展会议、培训、外出考察'], { claimed: 5, actual: '16' });
  assert.deepEqual(ev.indicators['结转结余率'], { claimed: 4, actual: '0%', previous: '0%' });
  assert.deepEqual(ev.figures.budget, {
    total: 2825.05,
    executed: 2825.05,
    basic: { budget: 1887.94, executed: 1887.94 },
    project: { budget: 937.11, executed: 937.11 },
  });
  assert.ok(conf(r, /^unit$/).some((c) => /补全为北京市/.test(c.note)));
  assert.ok(conf(r, /^year$/).length === 1);
});

test('every guessed field carries a confidence note', async () => {
  for (const stem of STEMS) {
    const r = await get(stem);
    assert.ok(
      r.confidence.some((c) => c.field === 'framework'),
      stem,
    );
    for (const c of r.confidence) assert.ok(c.note.length > 4, `${stem} ${c.field}`);
  }
});

test('the laid-out text: cell-per-line rows (002, 004) keep their empty cells and blank lines inside cells', () => {
  const doc = layoutText(seedText('004_570ec4bfa11b61a4'));
  const rows = doc.blocks.filter((b) => b.kind === 'row') as Array<{ cells: string[] }>;
  const meeting = rows.find((r) => r.cells[2] === '开展会议、培训、外出考察')!;
  assert.equal(meeting.cells.length, 9);
  assert.equal(meeting.cells[0], '');
  const satisf = rows.find((r) => r.cells[2]?.startsWith('工作人员满意度'))!;
  assert.equal(satisf.cells[5], '5');
  const first = rows.find((r) => r.cells[2] === '日常办公费等保障工作的采购')!;
  assert.match(first.cells[8]!, /②若定量指标为正向指标/);
});

test('importText: a table with no recognisable header is a clear error, not a crash', () => {
  assert.throws(
    () => importText('一、基本情况\n本单位是一个单位。\n'),
    (e: Error) => e.name === 'ImportError' && /未识别出绩效指标评分表/.test(e.message),
  );
  assert.throws(
    () => importText('   \n\n'),
    (e: Error) => e.name === 'ImportError' && /文件为空/.test(e.message),
  );
});
