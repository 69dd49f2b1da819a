import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';

/**
 * A 项目支出绩效自评表 as units fill in the 财预〔2020〕10号 附1 template, as XLSX (merged cells as in
 * the template) and as DOCX (the same table in Word, vertical and horizontal merges): 项目名称, 主管部门,
 * 实施单位, the 项目资金 block (年初预算数/全年预算数/全年执行数/分值/执行率/得分), 年度总体目标, and
 * 绩效指标 rows under 产出/效益/满意度 with the unit's own 三级 indicators.
 *
 * Hand-computed by 10号 (完成指标值记全部分值；未完成按完成值与指标值的比例记分):
 *   预算执行率 320 ÷ 320 = 100%, × 10 = 10
 *   新建集中供水工程 3 of ≥3 → 15; 新增受益人口 4800 of ≥5000 → 4800 ÷ 5000 × 15 = 14.40
 *   工程验收合格率 100% of 100% → 10; 工程按期完工率 90% of ≥95% → 90 ÷ 95 × 10 = 9.47
 *   农村自来水普及率 92% of ≥90% → 15; 工程设计使用年限 20 of ≥20 → 15; 受益群众满意度 93% of ≥90% → 10
 *   total 10 + 15 + 14.40 + 10 + 9.47 + 15 + 15 + 10 = 98.87 (优); weights 10 + 50 + 30 + 10 = 100
 *   年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金: 年初 250 + 50 + 0 = 300, 全年 270 + 50 + 0 = 320,
 *   执行 272 + 48 + 0 = 320
 * Planted: 新增受益人口 self-scored 15 (rule 14.40); 按期完工率 self-scored 10 (rule 9.47) with no
 * 偏差原因; 执行率 printed 98% (320 ÷ 320 = 100%); 当年财政拨款 全年预算 280 (280 + 50 + 0 = 330 ≠ 320);
 * 总分 printed 99.5 while the self-scores add up to 10 + 15 + 15 + 10 + 10 + 15 + 15 + 10 = 100; the
 * rules, taking the printed 98% as the 实际完成值, give 98.87 − 10 + 9.8 = 98.67.
 */
export interface ProjectFormOptions {
  planted?: boolean;
}

type IndRow = [
  l1: string,
  l2: string,
  l3: string,
  target: string,
  actual: string,
  weight: number,
  score: number,
  reason: string,
];

function indicatorRows(p: boolean): IndRow[] {
  return [
    ['产出指标', '数量指标', '新建集中供水工程', '≥3个', '3个', 15, 15, ''],
    [
      '',
      '',
      '新增受益人口',
      '≥5000人',
      '4800人',
      15,
      p ? 15 : 14.4,
      p ? '部分农户外出务工未接入' : '部分农户外出务工未接入',
    ],
    ['', '质量指标', '工程验收合格率', '100%', '100%', 10, 10, ''],
    ['', '时效指标', '工程按期完工率', '≥95%', '90%', 10, p ? 10 : 9.47, p ? '' : '一个村因雨季延期完工'],
    ['效益指标', '社会效益指标', '农村自来水普及率', '≥90%', '92%', 15, 15, ''],
    ['', '可持续影响指标', '工程设计使用年限', '≥20年', '20年', 15, 15, ''],
    ['满意度指标', '服务对象满意度指标', '受益群众满意度', '≥90%', '93%', 10, 10, ''],
  ];
}

export const PROJECT_EXPECTED = {
  unit: '某某县农村饮水安全巩固提升工程',
  year: 2022,
  framework: 'national-project-2020',
  total: 98.87,
  grade: '优',
  /** Σ of the planted self-scores, and the 总分 the planted form prints. */
  plantedClaimed: 100,
  plantedTotal: 99.5,
  /** The planted 执行率 98% is scored as the stated 实际完成值: 9.8 instead of 10. */
  plantedRecomputed: 98.67,
};

const money = (v: number) => v.toFixed(2);

interface Layout {
  rows: Array<Array<string | number>>;
  merges: Array<[r1: number, c1: number, r2: number, c2: number]>;
}

/** The form as a grid (10 columns, 1-based merges as Excel writes them). */
function layout(p: boolean): Layout {
  const rows: Array<Array<string | number>> = [];
  const merges: Layout['merges'] = [];
  const add = (r: Array<string | number>) => rows.push([...r, ...Array(10 - r.length).fill('')].slice(0, 10));
  add(['项目支出绩效自评表']);
  merges.push([1, 1, 1, 10]);
  add(['（2022年度）']);
  merges.push([2, 1, 2, 10]);
  add(['项目名称', '', '某某县农村饮水安全巩固提升工程']);
  merges.push([3, 1, 3, 2], [3, 3, 3, 10]);
  add(['主管部门', '', '某某县水利局', '', '', '实施单位', '', '某某县农村供水管理站']);
  merges.push([4, 1, 4, 2], [4, 3, 4, 5], [4, 6, 4, 7], [4, 8, 4, 10]);
  add(['项目资金（万元）', '', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']);
  merges.push([5, 1, 9, 1], [5, 2, 5, 3]);
  add(['', '年度资金总额', '', money(300), money(320), money(320), 10, p ? '98%' : '100%', 10]);
  add(['', '其中：当年财政拨款', '', money(250), money(p ? 280 : 270), money(272), '—', '—', '—']);
  add(['', '上年结转资金', '', money(50), money(50), money(48), '—', '—', '—']);
  add(['', '其他资金', '', money(0), money(0), money(0), '—', '—', '—']);
  for (let r = 6; r <= 9; r++) merges.push([r, 2, r, 3]);
  add(['年度总体目标', '预期目标', '', '', '', '实际完成情况']);
  merges.push([10, 1, 11, 1], [10, 2, 10, 5], [10, 6, 10, 10]);
  add([
    '',
    '完成3个村集中供水工程建设，新增受益人口5000人，工程验收合格率100%。',
    '',
    '',
    '',
    '完成3个村集中供水工程建设，新增受益人口4800人，工程全部验收合格，一个村延期完工。',
  ]);
  merges.push([11, 2, 11, 5], [11, 6, 11, 10]);
  add([
    '绩效指标',
    '一级指标',
    '二级指标',
    '三级指标',
    '',
    '年度指标值',
    '实际完成值',
    '分值',
    '得分',
    '偏差原因分析及改进措施',
  ]);
  const inds = indicatorRows(p);
  const first = 12;
  merges.push([first, 1, first + inds.length, 1], [first, 4, first, 5]);
  inds.forEach(([l1, l2, l3, t, a, w, s, why], i) => {
    add(['', l1, l2, l3, '', t, a, w, s, why]);
    merges.push([first + 1 + i, 4, first + 1 + i, 5]);
  });
  // 一级/二级 cells span the rows below them that are empty.
  const spanDown = (col: number) => {
    for (let i = 0; i < inds.length;) {
      let j = i + 1;
      while (j < inds.length && inds[j]![col - 1] === '') j++;
      if (j - i > 1) merges.push([first + 1 + i, col + 1, first + j, col + 1]);
      i = j;
    }
  };
  spanDown(1);
  spanDown(2);
  add(['总分', '', '', '', '', '', '', 100, p ? 99.5 : 98.87, '']);
  merges.push([rows.length, 1, rows.length, 7]);
  add(['评价等级', '', '', '', '', '', '', '', '优', '']);
  merges.push([rows.length, 1, rows.length, 8]);
  return { rows, merges };
}

export async function projectFormXlsx(opts: ProjectFormOptions = {}): Promise<Buffer> {
  const { rows, merges } = layout(opts.planted === true);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目支出绩效自评表');
  for (const r of rows) ws.addRow(r.map((v) => (v === '' ? null : v)));
  for (const [r1, c1, r2, c2] of merges) ws.mergeCells(r1, c1, r2, c2);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same form in Word: merges become gridSpan (across) and vMerge (down). */
export async function projectFormDocx(opts: ProjectFormOptions = {}): Promise<Buffer> {
  const { rows, merges } = layout(opts.planted === true);
  const covered = new Set<string>();
  const spanAt = new Map<string, { rows: number; cols: number }>();
  for (const [r1, c1, r2, c2] of merges) {
    spanAt.set(`${r1}:${c1}`, { rows: r2 - r1 + 1, cols: c2 - c1 + 1 });
    for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) if (r !== r1 || c !== c1) covered.add(`${r}:${c}`);
  }
  // Rows 1–2 are the title; the table starts at row 3.
  const text = (v: string | number) =>
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: String(v), size: 18 })] });
  const tableRows: TableRow[] = [];
  for (let r = 3; r <= rows.length; r++) {
    const cells: TableCell[] = [];
    for (let c = 1; c <= 10; c++) {
      const key = `${r}:${c}`;
      const span = spanAt.get(key);
      if (covered.has(key)) {
        // A vertically covered cell continues the merge (vMerge continue) at its first column only.
        const owner = merges.find(([r1, c1, r2, c2]) => r > r1 && r <= r2 && c === c1 && c2 >= c1);
        if (owner) {
          const w = owner[3] - owner[1] + 1;
          cells.push(
            new TableCell({
              children: [new Paragraph('')],
              verticalMerge: VerticalMergeType.CONTINUE,
              ...(w > 1 && { columnSpan: w }),
            }),
          );
        }
        continue;
      }
      cells.push(
        new TableCell({
          width: { size: 10, type: WidthType.PERCENTAGE },
          children: [text(rows[r - 1]![c - 1]!)],
          ...(span && span.cols > 1 && { columnSpan: span.cols }),
          ...(span && span.rows > 1 && { verticalMerge: VerticalMergeType.RESTART }),
        }),
      );
    }
    tableRows.push(new TableRow({ children: cells }));
  }
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: '项目支出绩效自评表', bold: true, size: 32 })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: '（2022年度）', size: 24 })],
          }),
          new Table({ rows: tableRows, width: { size: 100, type: WidthType.PERCENTAGE } }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
