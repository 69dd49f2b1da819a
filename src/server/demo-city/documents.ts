/** @module The 江源市 demo region's evaluations: plausible, varied and deterministic (a fixed-seed PRNG), some with real faults. */
import type { Evaluation } from '../../core/evaluation.js';
import type { Framework } from '../../core/framework/model.js';
import { score } from '../../core/scoring.js';

/** mulberry32: a tiny PRNG; the same seed gives the same region on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CityUnit {
  code: string;
  name: string;
  /** What the unit does, for its narrative. */
  duty: string;
  /** 万元, the order of its yearly budget. */
  size: number;
  parent?: string;
}

const U = (code: string, name: string, duty: string, size: number, parent?: string): CityUnit => ({
  code,
  name,
  duty,
  size,
  ...(parent ? { parent } : {}),
});

/** 44 departments and 4 sub-units of a city of about 1.2 million people. */
export const CITY_UNITS: readonly CityUnit[] = [
  U('jy-jyj', '江源市教育局', '统筹全市基础教育、职业教育发展，保障义务教育经费投入', 9800),
  U('jy-gaj', '江源市公安局', '维护全市社会治安秩序，预防、制止和侦查违法犯罪活动', 8600),
  U('jy-mzj', '江源市民政局', '实施社会救助、养老服务和社区治理', 5200),
  U('jy-sfj', '江源市司法局', '推进法治政府建设，组织普法和公共法律服务', 1600),
  U('jy-rsj', '江源市人力资源和社会保障局', '促进就业创业，管理社会保险和人才工作', 4300),
  U('jy-zrj', '江源市自然资源和规划局', '管理国土空间规划、自然资源确权登记和耕地保护', 3900),
  U('jy-sthjj', '江源市生态环境局', '监督管理大气、水、土壤污染防治', 2700),
  U('jy-zjj', '江源市住房和城乡建设局', '管理城乡建设、住房保障和建筑市场', 6100),
  U('jy-jtj', '江源市交通运输局', '建设养护农村公路，管理道路运输和公共交通', 7400),
  U('jy-slj', '江源市水利局', '建设管理水利工程，组织防汛抗旱和河湖长制工作', 5600),
  U('jy-nyj', '江源市农业农村局', '推进乡村产业发展，落实粮食生产和耕地建设任务', 6800),
  U('jy-swj', '江源市商务局', '促进消费、招商引资和外贸发展', 1900),
  U('jy-wlj', '江源市文化和旅游局', '发展公共文化服务和旅游产业，保护文物', 2500),
  U('jy-wjw', '江源市卫生健康委员会', '推进医疗卫生服务体系建设和公共卫生工作', 7900),
  U('jy-tyjrj', '江源市退役军人事务局', '做好退役军人安置、优抚和服务保障', 1400),
  U('jy-yjj', '江源市应急管理局', '组织安全生产监管、应急救援和防灾减灾', 2100),
  U('jy-sjj', '江源市审计局', '开展预算执行审计、经济责任审计和专项审计', 980),
  U('jy-scjgj', '江源市市场监督管理局', '监管市场秩序、食品药品安全和特种设备', 3300),
  U('jy-tjj', '江源市统计局', '组织统计调查、经济普查和统计数据发布', 760),
  U('jy-ybj', '江源市医疗保障局', '管理医保基金，推进医保支付方式改革', 1700),
  U('jy-lyj', '江源市林业局', '组织造林绿化、森林防火和林长制工作', 2900),
  U('jy-tyj', '江源市体育局', '开展全民健身，承办市级体育赛事', 1100),
  U('jy-cgj', '江源市城市管理局', '负责市容环境卫生、市政设施养护和城市执法', 5300),
  U('jy-fgw', '江源市发展和改革委员会', '拟订国民经济和社会发展规划，管理重大项目', 2200),
  U('jy-gxj', '江源市工业和信息化局', '推动工业转型升级和数字经济发展', 2400),
  U('jy-kjj', '江源市科学技术局', '组织科技计划项目，培育科技型企业', 1800),
  U('jy-mzzj', '江源市民族宗教事务局', '贯彻民族宗教政策，促进民族团结', 520),
  U('jy-xfj', '江源市信访局', '受理群众来信来访，督办信访事项', 610),
  U('jy-jgswj', '江源市机关事务管理局', '保障市直机关办公用房、公务用车和后勤服务', 3100),
  U('jy-dag', '江源市档案馆', '收集、保管和利用全市档案资料', 640),
  U('jy-dfzb', '江源市地方志办公室', '编纂地方志和年鉴', 350),
  U('jy-gxs', '江源市供销合作社联合社', '建设农村流通服务网络', 470),
  U('jy-cl', '江源市残疾人联合会', '开展残疾人康复、就业和权益保障服务', 1300),
  U('jy-fl', '江源市妇女联合会', '维护妇女儿童权益，开展家庭文明建设', 430),
  U('jy-zgh', '江源市总工会', '维护职工权益，组织劳动竞赛和职工帮扶', 1200),
  U('jy-tsw', '共青团江源市委员会', '组织青年志愿服务和青少年成长服务', 380),
  U('jy-kx', '江源市科学技术协会', '开展科学普及和学术交流', 410),
  U('jy-wl', '江源市文学艺术界联合会', '组织文艺创作和群众文化活动', 360),
  U('jy-hsh', '江源市红十字会', '开展应急救护培训、人道救助和无偿献血宣传', 330),
  U('jy-gjj', '江源市住房公积金管理中心', '归集、管理和使用住房公积金', 1500),
  U('jy-jyzx', '江源市公共资源交易中心', '组织工程建设、政府采购项目进场交易', 690),
  U('jy-spj', '江源市行政审批服务局', '集中办理行政许可事项，建设政务服务中心', 1450),
  U('jy-sjju', '江源市数据局', '建设政务云和数据共享平台', 2600),
  U('jy-xczxj', '江源市乡村振兴局', '巩固拓展脱贫攻坚成果，实施衔接资金项目', 4800),
  U('jy-yz', '江源市第一中学', '实施高中教育教学，保障学校日常运转', 2300, 'jy-jyj'),
  U('jy-rmyy', '江源市人民医院', '提供基本医疗服务和急诊急救', 6500, 'jy-wjw'),
  U('jy-jkzx', '江源市疾病预防控制中心', '开展传染病防控、免疫规划和健康监测', 1900, 'jy-wjw'),
  U('jy-tsg', '江源市图书馆', '提供公共图书借阅和全民阅读服务', 520, 'jy-wlj'),
];

/** Faults a few units' reports have, for the audit to find (each a real kind of error in published reports). */
export type Fault = 'parts-exceed' | 'balance' | 'narrative-rate' | 'inflated';

const round2 = (n: number) => Math.round(n * 100) / 100;
const pct = (n: number) => `${round2(n)}%`;

const TASKS = ['保障机关正常运转', '重点业务工作', '专项资金项目', '信息化建设运维', '宣传培训'];

/**
 * One unit's evaluation for a year, on 晋中's department framework (jinzhong-2021). `seed` fixes
 * everything: the same unit and year give the same document. `faults` plants errors the audit finds.
 */
export function cityEvaluation(unit: CityUnit, year: number, seed: number, faults: readonly Fault[] = []): Evaluation {
  const r = prng(seed);
  const between = (lo: number, hi: number) => lo + (hi - lo) * r();
  const int = (lo: number, hi: number) => Math.floor(between(lo, hi + 1));
  // How well the unit is run this year: most are sound, a few weak (grades 良 and 中 on the dashboard).
  const q = r();
  const weak = q < 0.25;
  const mid = q < 0.5;
  const growth = year === 2024 ? between(1.0, 1.08) : 1;
  const initial = round2(unit.size * growth * between(0.92, 1.06));
  const carryOver = round2(initial * between(0, 0.04));
  const adjustment = round2(initial * between(-0.03, 0.09));
  const total = round2(carryOver + initial + adjustment);
  const execRate = weak ? between(0.7, 0.86) : mid ? between(0.86, 0.95) : between(0.94, 0.995);
  const executed = round2(total * execRate);
  const balance = faults.includes('balance') ? round2(total - executed + 12.5) : round2(total - executed);
  const basicShare = between(0.45, 0.75);
  const basicExec = round2(executed * basicShare);
  const projectExec = faults.includes('parts-exceed')
    ? round2(executed - basicExec + 86.4)
    : round2(executed - basicExec);
  const authorized = int(18, 260);
  const actual = Math.min(authorized + (r() < 0.1 ? 2 : 0), Math.max(10, authorized - int(0, 12)));
  const tp = round2(between(8, 60));
  const planned = int(12, 40);
  const completed = planned - (weak ? int(3, 7) : r() < 0.3 ? int(1, 2) : 0);
  const keyAssigned = int(4, 12);
  const keyCompleted = keyAssigned - (weak ? int(1, 3) : r() < 0.2 ? 1 : 0);
  const satisfaction = round2(weak ? between(78, 89) : between(88, 99));
  const assetsTotal = round2(unit.size * between(0.3, 1.4));
  const procurementBudget = round2(initial * between(0.03, 0.15));
  // The rate as the unit works it out from its own rounded figures (the audit recomputes it the same way).
  const trueRate = round2((executed / total) * 100);
  const statedRate = faults.includes('narrative-rate') ? round2(trueRate + 4.3) : trueRate;
  const tier = () =>
    r() < (weak ? 0.35 : mid ? 0.7 : 0.9)
      ? { tier: '达成', value: int(90, 100) }
      : { tier: '部分达成', value: int(65, 79) };
  const doc: Evaluation = {
    framework: 'jinzhong-2021',
    unit: unit.name,
    year,
    contact: `${unit.name}财务科 0351-${String(int(2000000, 2999999))}`,
    goals: `围绕“${unit.duty}”的职责，完成年度重点工作任务，提高财政资金使用效益。`,
    figures: {
      budget: {
        carryOver,
        initial,
        adjustment,
        otherAdjustment: 0,
        executed,
        balance,
        finalAccounts: executed,
        paymentPlanned: 100,
        paymentActual: trueRate,
        basic: { executed: basicExec },
        project: { executed: projectExec },
      },
      staffing: { authorized, actual, retired: int(4, 90) },
      threePublic: { budget: tp, actual: round2(tp * between(0.7, 1)), previousBudget: round2(tp * between(1, 1.12)) },
      publicFunds: { budget: round2(initial * 0.08), actual: round2(initial * 0.08 * between(0.85, 1)) },
      procurement: { budget: procurementBudget, actual: round2(procurementBudget * between(0.82, 1)) },
      assets: { total: assetsTotal, inUse: round2(assetsTotal * (weak ? between(0.78, 0.9) : between(0.92, 1))) },
      tasks: { planned, completed, qualified: completed - (weak ? int(0, 2) : 0), keyAssigned, keyCompleted },
      satisfaction,
    },
    tasks: TASKS.slice(0, int(3, 5)).map((name, i) => {
      const budget = round2(initial * (i === 0 ? basicShare : (1 - basicShare) / 4));
      return {
        name,
        content: i === 0 ? '保障人员工资福利和日常公用经费' : `${unit.duty.split('，')[0]}相关支出`,
        budget,
        fiscalBudget: budget,
        executed: round2(budget * execRate),
        fiscalExecuted: round2(budget * execRate),
        status: execRate > 0.95 ? '完成' : '基本完成',
      };
    }),
    indicators: {
      工作规划合理: { checks: [true, !weak, r() < 0.9] },
      工作目标明确: tier(),
      重点支出安排: { actual: pct(weak ? between(70, 86) : between(86, 98)) },
      支付进度: { judged: weak ? 2 : r() < 0.7 ? 4 : 3 },
      结转结余率: { target: '≤5%' },
      财务管理制度: { checks: [true, !weak || r() < 0.5, r() < 0.92] },
      资金使用合规: tier(),
      预决算信息公: tier(),
      基础信息完善: { checks: [true, true, true] },
      资产管理制度: tier(),
      资产管理安全: tier(),
      经济效益: tier(),
      社会效益: tier(),
      生态效益: tier(),
      社会公众或服: { target: '≥90%' },
    },
    narrative: {
      单位职能概况: `${unit.name}主要职责是${unit.duty}。`,
      单位人员情况: `${year}年末，我单位核定编制${authorized}个，实有在职人员${actual}人。`,
      预算执行情况: `${year}年全年预算${total.toFixed(2)}万元，其中年初预算${initial.toFixed(2)}万元；实际支出${executed.toFixed(2)}万元，预算执行率为${statedRate}%。`,
      部门整体支出绩效评价分析: `全年计划工作${planned}项，完成${completed}项；重点工作${keyAssigned}项，完成${keyCompleted}项。服务对象满意度${satisfaction}%。`,
      其他: execRate < 0.9 ? '部分项目受招标进度影响支出偏慢，下一步将加快预算执行进度。' : '无。',
    },
  };
  if (faults.includes('inflated')) doc.claimed = { total: 99.5, grade: '优' };
  return doc;
}

const REASONS = [
  '部分项目受招标采购进度影响，资金支付滞后于计划',
  '上级转移支付资金下达较晚，当年未能全部支出',
  '严格落实过紧日子要求，压减一般性支出',
  '个别工作受天气和工期影响顺延至下年度完成',
  '人员变动较大，部分岗位尚未补齐',
];

/**
 * Writes a 偏差原因 for every indicator the rules say missed its target (a careful unit does), and
 * the self-scores a unit would claim: the rules' scores, or more for an inflated report.
 */
export function completeEvaluation(fw: Framework, ev: Evaluation, seed: number, inflated: boolean): Evaluation {
  const r = prng(seed ^ 0x5bd1e995);
  const first = score(fw, ev);
  const indicators = { ...ev.indicators };
  for (const i of first.indicators) {
    const input = { ...(indicators[i.id] ?? {}) };
    if (i.missed) input.deviationReason = REASONS[Math.floor(r() * REASONS.length)]!;
    // An inflated report claims full marks where the rules give less.
    input.claimed = inflated && i.score < i.weight ? i.weight : i.score;
    indicators[i.id] = input;
  }
  return { ...ev, indicators };
}
