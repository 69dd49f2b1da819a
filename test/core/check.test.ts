// The one check of inputs (src/core/check): numbers read as typed, each field's domain, the framework's rules.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { checkDomain, type Domain } from '../../src/core/check/domains.js';
import { checkEvaluation, readNumber, submissionGaps } from '../../src/core/check/index.js';
import { zhMessage } from '../../src/core/check/zod-messages.js';
import { z } from 'zod';
import { builtinFrameworks } from '../../src/load/frameworks.js';
import { EXAMPLES_DIR, scoreSeed } from '../helpers.js';

const READ: Array<[string, Parameters<typeof readNumber>[1], number | RegExp]> = [
  ['１２３．４', 'wan', 123.4],
  ['1,234.5', 'wan', 1234.5],
  ['１，２３４．５', 'wan', 1234.5],
  ['  837.69 ', 'wan', 837.69],
  ['12万元', 'wan', 12],
  ['１２万元', 'wan', 12],
  ['12345元', 'wan', 1.2345],
  ['1.5亿元', 'wan', 15000],
  ['98.5%', 'percent', 98.5],
  ['９８．５％', 'percent', 98.5],
  ['69人', 'count', 69],
  ['１２次', 'count', 12],
  ['−5', 'plain', -5],
  ['－5', 'plain', -5],
  ['+3', 'plain', 3],
  ['大约九成', 'percent', /“大约九成”不是数字/],
  ['八百万', 'wan', /“八百万”不是数字，金额请填万元数/],
  ['1,23', 'wan', /千分位分隔符位置不对/],
  ['12人', 'wan', /“12人”不是数字/],
  ['%', 'percent', /中没有数字/],
  ['1e308', 'plain', /不是数字/],
];

for (const [typed, unit, want] of READ) {
  test(`readNumber(${JSON.stringify(typed)}, ${unit})`, () => {
    const r = readNumber(typed, unit);
    if (typeof want === 'number') {
      assert.ok(r.ok, JSON.stringify(r));
      assert.equal(r.value, want);
    } else {
      assert.ok(!r.ok);
      assert.match(r.message, want);
    }
  });
}

test('readNumber: numbers pass when finite, NaN and ±Infinity do not', () => {
  assert.deepEqual(readNumber(12.5), { ok: true, value: 12.5 });
  for (const v of [NaN, Infinity, -Infinity]) assert.equal(readNumber(v).ok, false);
  assert.equal(readNumber(true as unknown).ok, false);
});

const DOMAIN: Array<[Domain, number, 'ok' | 'error' | 'warning', RegExp?]> = [
  ['money', 837.69, 'ok'],
  ['money', 0, 'ok'],
  ['money', -100, 'error', /金额不能为负数/],
  ['money', 1e15, 'error', /不超过 10\^8 万元/],
  ['money', 1e308, 'error', /超出合理范围/],
  ['money', -1e308, 'error', /不能为负数/],
  ['money', 1e8, 'ok'],
  ['money', 837.694, 'error', /最多保留两位小数/],
  ['signedMoney', -100, 'ok'],
  ['signedMoney', -1e9, 'error', /超出合理范围/],
  ['count', 77, 'ok'],
  ['count', -1, 'error', /不能为负数/],
  ['count', 1.5, 'error', /应为整数/],
  ['percent', 100, 'ok'],
  ['percent', 150, 'error', /0～100%/],
  ['percent', -1, 'error', /0～100%/],
  ['rate', 98.5, 'ok'],
  ['rate', 120, 'warning', /超过100%.*请核对/],
  ['rate', -5, 'error', /比率不能为负数/],
  ['change', -30, 'ok'],
  ['change', 1e300, 'error', /超出合理范围/],
];
for (const [domain, v, want, message] of DOMAIN) {
  test(`domain ${domain}: ${v} → ${want}`, () => {
    const p = checkDomain(v, domain);
    if (want === 'ok') return assert.deepEqual(p, []);
    assert.equal(p.length, 1);
    assert.equal(p[0]!.level, want);
    if (message) assert.match(p[0]!.message, message);
  });
}

const FW = builtinFrameworks().get('yiyang-heshan-2021', 1)!;
const seedRaw = () =>
  parse(readFileSync(path.join(EXAMPLES_DIR, '002_a0eb83d49e186f2c.yaml'), 'utf8')) as Record<string, any>;

test('checkEvaluation: seed 002 as printed passes and scores as the file loader does', () => {
  const c = checkEvaluation(FW, seedRaw());
  assert.equal(c.errors, 0);
  assert.deepEqual(c.result, scoreSeed('002_a0eb83d49e186f2c').result);
});

test('checkEvaluation: full-width digits, thousands separators and units are read and stored as numbers', () => {
  const raw = seedRaw();
  raw.figures.budget.initial = '８３７．６９';
  raw.figures.budget.executed = '1,234.5万元';
  raw.figures.staffing.actual = '６９人';
  raw.figures.satisfaction = '９８％';
  raw.tasks[0].budget = '100000元';
  const c = checkEvaluation(FW, raw);
  assert.equal(c.errors, 0, JSON.stringify(c.issues));
  assert.equal(c.document!.figures.budget!.initial, 837.69);
  assert.equal(c.document!.figures.budget!.executed, 1234.5);
  assert.equal(c.document!.figures.staffing!.actual, 69);
  assert.equal(c.document!.figures.satisfaction, 98);
  assert.equal(c.document!.tasks![0]!.budget, 10);
  assert.ok(c.result);
});

const REFUSED: Array<[string, (raw: Record<string, any>) => void, string, RegExp]> = [
  ['全年预算数 −100', (r) => (r.figures.budget.total = -100), 'figures.budget.total', /金额不能为负数/],
  ['年初预算数 10^15', (r) => (r.figures.budget.initial = 1e15), 'figures.budget.initial', /超出合理范围/],
  ['年初预算数 1e308', (r) => (r.figures.budget.initial = 1e308), 'figures.budget.initial', /超出合理范围/],
  ['年初预算数 −1e308', (r) => (r.figures.budget.initial = -1e308), 'figures.budget.initial', /不能为负数/],
  ['预算执行数 −5', (r) => (r.figures.budget.executed = -5), 'figures.budget.executed', /不能为负数/],
  ['满意度 150', (r) => (r.figures.satisfaction = 150), 'figures.satisfaction', /0～100%/],
  ['实有在职人数 69.5', (r) => (r.figures.staffing.actual = 69.5), 'figures.staffing.actual', /应为整数/],
  ['任务预算数 −1', (r) => (r.tasks[1].budget = -1), 'tasks.1.budget', /不能为负数/],
  [
    '在职人员控制率 −5%',
    (r) => (r.indicators['在职人员控制率'].actual = '-5%'),
    'indicators.在职人员控制率.actual',
    /在职人员控制率比率不能为负数/,
  ],
  [
    'claimed 1e308',
    (r) => (r.indicators['在职人员控制率'].claimed = 1e308),
    'indicators.在职人员控制率.claimed',
    /超过该指标的分值5分/,
  ],
  [
    '满意度 150% (the satisfaction metric)',
    (r) => (r.indicators['社会公众或服务对象满意度'] = { actual: '150%', claimed: 5 }),
    'indicators.社会公众或服务对象满意度.actual',
    /满意度应在 0～100% 之间（现为 150%）/,
  ],
  [
    'claimed above the weight',
    (r) => (r.indicators['在职人员控制率'].claimed = 6),
    'indicators.在职人员控制率.claimed',
    /自评得分6分超过该指标的分值5分（应在 0～5 分之间）/,
  ],
  [
    'tier 优秀 not of the indicator',
    (r) => (r.indicators['经济效益'].tier = '优秀'),
    'indicators.经济效益.tier',
    /档次“优秀”不是该指标的档次，可选：达成、部分达成、未达成/,
  ],
  [
    'a 指标值 without a number on a quantitative indicator',
    (r) => (r.indicators['预算执行率'].target = '大约九成'),
    'indicators.预算执行率.target',
    /指标值“大约九成”中没有数值/,
  ],
  [
    'words in a money field stay, with a message',
    (r) => (r.figures.budget.initial = '八百万'),
    'figures.budget.initial',
    /“八百万”不是数字/,
  ],
];

for (const [name, mutate, key, message] of REFUSED) {
  test(`checkEvaluation refuses ${name}, naming the field; no score`, () => {
    const raw = seedRaw();
    mutate(raw);
    const c = checkEvaluation(FW, raw);
    assert.ok(c.errors >= 1);
    assert.equal(c.result, undefined);
    const hit = c.issues.find((i) => i.key === key && i.level === 'error');
    assert.ok(hit, `${key} in ${JSON.stringify(c.issues.map((i) => [i.key, i.message]))}`);
    assert.match(hit.message, message);
    assert.ok(hit.label && !/[a-z]{3}/i.test(hit.label), `a printed label, not a key: ${hit.label}`);
  });
}

test('checkEvaluation: 满意度 150% on an indicator without a metric (seed 000) is refused, not scored full', () => {
  const fw000 = builtinFrameworks().get('zhengzhou-shangjie-2021', 1)!;
  const raw000 = parse(readFileSync(path.join(EXAMPLES_DIR, '000_6ca4beea76738c10.yaml'), 'utf8'));
  raw000.indicators['区人大代表满意度'].actual = '150%';
  const c = checkEvaluation(fw000, raw000);
  assert.equal(c.result, undefined);
  const hit = c.issues.find((i) => i.key === 'indicators.区人大代表满意度.actual')!;
  assert.equal(hit.level, 'error');
  assert.match(hit.message, /区人大代表满意度应在 0～100% 之间（现为 150%）/);
  raw000.indicators['区人大代表满意度'].actual = '99%';
  assert.equal(checkEvaluation(fw000, raw000).errors, 0);
});

test('checkEvaluation: a huge self-score is named in exponent form, not in three hundred digits', () => {
  const raw = seedRaw();
  raw.indicators['在职人员控制率'].claimed = 1e308;
  const hit = checkEvaluation(FW, raw).issues.find((i) => i.key === 'indicators.在职人员控制率.claimed')!;
  assert.match(hit.message, /自评得分1e\+308分超过/);
  assert.ok(hit.message.length < 60, hit.message);
});

test('checkEvaluation: what cannot be read is not erased', () => {
  const raw = seedRaw();
  raw.figures.budget.initial = '大约八百万';
  const c = checkEvaluation(FW, raw);
  assert.equal(c.issues.filter((i) => i.key === 'figures.budget.initial').length, 1, 'one message per field');
  assert.equal(raw.figures.budget.initial, '大约八百万', 'the input is not changed');
});

test('checkEvaluation: execution over 100% is a 提示, not a refusal', () => {
  const raw = seedRaw();
  raw.indicators['预算执行率'].actual = '105%';
  const c = checkEvaluation(FW, raw);
  assert.equal(c.errors, 0);
  assert.ok(c.issues.some((i) => i.key === 'indicators.预算执行率.actual' && i.level === 'warning'));
  assert.ok(c.result);
});

test('checkEvaluation: a framework sets its own bound for money', () => {
  const raw = seedRaw();
  raw.figures.budget.initial = 5000;
  assert.equal(checkEvaluation(FW, raw).errors, 0);
  const small = { ...FW, limits: { moneyMax: 1000 } };
  const c = checkEvaluation(small, raw);
  assert.match(c.issues.find((i) => i.key === 'figures.budget.initial')!.message, /不超过 1000 万元/);
});

test('checkEvaluation: not an object', () => {
  for (const raw of [null, 5, 'x', []]) {
    const c = checkEvaluation(FW, raw);
    assert.equal(c.errors, 1);
    assert.match(c.issues[0]!.message, /必须是一个对象/);
  }
});

test('zod speaks plain Chinese: no “期望 string，实际接收 undefined”', () => {
  const s = z.object({ a: z.string(), b: z.number().int().min(0), c: z.enum(['x', 'y']) }).strict();
  const r = s.safeParse({ b: -1.5, c: 'z', d: 1 });
  assert.ok(!r.success);
  const text = r.error.issues.map((i) => i.message).join('\n');
  assert.doesNotMatch(text, /期望|实际接收|[A-Za-z]{4,}/);
  assert.match(text, /必须填写/);
  assert.match(text, /不认识的字段：d/);
  assert.match(text, /应为以下之一：“x”、“y”/);
  assert.equal(
    zhMessage({ code: 'invalid_type', expected: 'string', input: 5, path: [] } as never),
    '应为文字，收到的是数字 5',
  );
  // A key with no value (YAML `initial:`, JSON null) says so, not “几种允许的写法都不匹配”.
  const empty = z.object({ n: z.number(), u: z.union([z.number(), z.string()]) }).safeParse({ n: null, u: null });
  assert.ok(!empty.success);
  assert.deepEqual(
    empty.error.issues.map((i) => i.message),
    ['没有填写值（空值），应为数字；不填写请删去此项', '没有填写值（空值）；不填写请删去此项'],
  );
});

test('submissionGaps: seed 000 may be submitted; seed 002 as a unit would type it lists each empty figure by field', () => {
  const fw000 = builtinFrameworks().get('zhengzhou-shangjie-2021', 1)!;
  const raw000 = parse(readFileSync(path.join(EXAMPLES_DIR, '000_6ca4beea76738c10.yaml'), 'utf8'));
  assert.deepEqual(submissionGaps(checkEvaluation(fw000, raw000)), []);
  const raw = seedRaw();
  for (const v of Object.values(raw.indicators) as Array<Record<string, unknown>>) delete v.claimed;
  const gaps = submissionGaps(checkEvaluation(FW, raw));
  const byKey = new Map(gaps.map((g) => [g.key, g]));
  assert.match(byKey.get('figures.budget.executed')!.message, /^尚未填写：计算预算执行率需要此项$/);
  assert.equal(byKey.get('figures.budget.executed')!.label, '预算执行数');
  // 全年预算数 is derived from 年初预算数: the gate points at what the unit types.
  assert.ok(byKey.has('figures.budget.initial') && !byKey.has('figures.budget.total'));
  assert.match(byKey.get('indicators.重点支出安排率.target')!.message, /框架未设指标值/);
  assert.ok(byKey.has('indicators.经济效益'), 'a judgment left empty');
  // An invalid input is listed too.
  raw.figures.satisfaction = 150;
  assert.ok(submissionGaps(checkEvaluation(FW, raw)).some((g) => g.key === 'figures.satisfaction'));
});
