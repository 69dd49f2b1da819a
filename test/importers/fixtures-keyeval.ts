/**
 * A third-party 重点绩效评价 report as a PDF→Markdown extraction tool gives it (issue 17): Markdown
 * headings and text, a summary table (一级指标 × 分值/得分/得分率) and the 附件 三级 indicator table
 * (codes A101…, “A决策（15分）” labels, 指标解释, 评分标准, 得分, 评价意见) cut by two page breaks into
 * three <table> blocks with the heading row repeated and the 一级/二级 cells printed again; one
 * 评价意见 is split across the first break (its continuation is the next page's first row, with
 * nothing in the name and number columns). Page numbers stand between the tables.
 *
 * Hand-computed: 决策 A1 3+2 + A2 4+4 = 13 of 15 (86.67%); 过程 B1 5+4+5 + B2 4+4 = 22 of 25 (88.00%);
 * 产出 13.5+9+4+3 = 29.5 of 35 (84.29%); 效益 8+5+4 + 4 = 21 of 25 (84.00%); total 85.5 of 100 (良:
 * 80 ≤ 85.5 < 90). Planted: the summary's 过程 得分 23 (detail 22) and its 得分率 92.00%; 产出 得分率
 * 85.29% (29.5 ÷ 35 = 84.29%); the summary total 86.5 (detail 85.5); the text's grade “优” and its
 * 决策 得分率 88.67%.
 */
export interface KeyEvalOptions {
  planted?: boolean;
}

type Leaf = [code: string, name: string, weight: number, score: number, opinion: string];
type Second = [code: string, name: string, weight: number, leaves: Leaf[]];
type First = [code: string, name: string, weight: number, seconds: Second[]];

export const KEY_EVAL_TREE: First[] = [
  [
    'A',
    '决策',
    15,
    [
      [
        'A1',
        '项目立项',
        6,
        [
          ['A101', '立项依据充分性', 3, 3, '项目符合县乡村振兴规划和部门职责。'],
          ['A102', '立项程序规范性', 3, 2, '立项未经集体决策程序，扣1分。'],
        ],
      ],
      [
        'A2',
        '绩效目标',
        9,
        [
          [
            'A201',
            '绩效目标合理性',
            5,
            4,
            '绩效目标与项目内容相关，但部分目标值设定偏低，未充分考虑上年完成情况，扣1分。',
          ],
          ['A202', '绩效指标明确性', 4, 4, '指标清晰可衡量。'],
        ],
      ],
    ],
  ],
  [
    'B',
    '过程',
    25,
    [
      [
        'B1',
        '资金管理',
        15,
        [
          ['B101', '资金到位率', 5, 5, '资金全部到位。'],
          ['B102', '预算执行率', 5, 4, '预算执行率92.00%，扣1分。'],
          ['B103', '资金使用合规性', 5, 5, '未发现违规使用资金。'],
        ],
      ],
      [
        'B2',
        '组织实施',
        10,
        [
          ['B201', '管理制度健全性', 5, 4, '缺少项目验收管理办法，扣1分。'],
          ['B202', '制度执行有效性', 5, 4, '部分合同未及时归档，扣1分。'],
        ],
      ],
    ],
  ],
  [
    'C',
    '产出',
    35,
    [
      ['C1', '产出数量', 15, [['C101', '改厕任务完成率', 15, 13.5, '完成改厕1800户，计划2000户，完成率90%。']]],
      ['C2', '产出质量', 10, [['C201', '改厕验收合格率', 10, 9, '抽查合格率95%。']]],
      ['C3', '产出时效', 5, [['C301', '完成及时性', 5, 4, '部分乡镇延期完工。']]],
      ['C4', '产出成本', 5, [['C401', '成本控制情况', 5, 3, '户均成本超出标准8%。']]],
    ],
  ],
  [
    'D',
    '效益',
    25,
    [
      [
        'D1',
        '项目效益',
        20,
        [
          ['D101', '人居环境改善情况', 10, 8, '村容村貌明显改善，仍有部分户厕使用率低。'],
          ['D102', '生态效益', 5, 5, '粪污无害化处理率提高。'],
          ['D103', '长效管护机制', 5, 4, '管护资金来源未落实。'],
        ],
      ],
      ['D2', '满意度', 5, [['D201', '群众满意度', 5, 4, '问卷满意度86%。']]],
    ],
  ],
];

const HEAD =
  '<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标解释</td><td>评分标准</td><td>分值</td><td>得分</td><td>评价意见</td></tr>';

/** The 三级 rows, each with its 一级/二级 label where the page shows it. */
function detailRows(): Array<{ first: First; second: Second; leaf: Leaf }> {
  const out: Array<{ first: First; second: Second; leaf: Leaf }> = [];
  for (const first of KEY_EVAL_TREE)
    for (const second of first[3]) for (const leaf of second[3]) out.push({ first, second, leaf });
  return out;
}

/** Page breaks after these 三级 codes; the 评价意见 of A201 is cut by the first break. */
const BREAK_AFTER = new Set(['A201', 'B202']);
const SPLIT = 'A201';
const SPLIT_AT = 22;

function pageTables(): string[] {
  const rows = detailRows();
  const pages: string[][] = [[]];
  let carry: string | undefined;
  let pageStart = 0;
  // Rows from i to the end of its page that share `same`.
  const spanOnPage = (i: number, same: (r: (typeof rows)[number]) => boolean) => {
    let k = 0;
    for (let j = i; j < rows.length && same(rows[j]!); j++) {
      k++;
      if (BREAK_AFTER.has(rows[j]!.leaf[0])) break;
    }
    return k;
  };
  for (let i = 0; i < rows.length; i++) {
    const { first, second, leaf } = rows[i]!;
    const page = pages[pages.length - 1]!;
    // The first row of a page repeats the 一级/二级 labels; within a page they span rows.
    const firstOnPage = i === pageStart || rows[i - 1]!.first !== first;
    const secondOnPage = i === pageStart || rows[i - 1]!.second !== second;
    const opinion = leaf[4];
    const shown = leaf[0] === SPLIT ? opinion.slice(0, SPLIT_AT) : opinion;
    if (leaf[0] === SPLIT) carry = opinion.slice(SPLIT_AT);
    const c1 = firstOnPage
      ? `<td rowspan="${spanOnPage(i, (r) => r.first === first)}">${first[0]}${first[1]}（${first[2]}分）</td>`
      : '';
    const c2 = secondOnPage
      ? `<td rowspan="${spanOnPage(i, (r) => r.second === second)}">${second[0]}${second[1]}（${second[2]}分）</td>`
      : '';
    page.push(
      `<tr>${c1}${c2}<td>${leaf[0]}${leaf[1]}</td><td>反映${leaf[1]}情况。</td><td>符合要求得满分，否则酌情扣分。</td><td>${leaf[2]}</td><td>${leaf[3]}</td><td>${shown}</td></tr>`,
    );
    if (BREAK_AFTER.has(leaf[0])) {
      const next: string[] = [];
      if (carry) {
        next.push(`<tr><td></td><td></td><td></td><td></td><td></td><td></td><td></td><td>${carry}</td></tr>`);
        carry = undefined;
      }
      pages.push(next);
      pageStart = i + 1;
    }
  }
  return pages.map(
    (p, k) =>
      `<table>${HEAD}${p.join('')}${k === pages.length - 1 ? '<tr><td colspan="5">合计</td><td>100</td><td>85.5</td><td></td></tr>' : ''}</table>`,
  );
}

export function keyEvalMarkdown(opts: KeyEvalOptions = {}): string {
  const p = opts.planted === true;
  const summary = [
    ['决策', '15', '13', p ? '86.67%' : '86.67%'],
    ['过程', '25', p ? '23' : '22', p ? '92.00%' : '88.00%'],
    ['产出', '35', '29.5', p ? '85.29%' : '84.29%'],
    ['效益', '25', '21', '84.00%'],
    ['合计', '100', p ? '86.5' : '85.5', p ? '86.50%' : '85.50%'],
  ];
  const tables = pageTables();
  return `# 某某县2023年度农村人居环境整治专项资金重点绩效评价报告

某某会计师事务所有限公司

二〇二四年五月

受某某县财政局委托，某某会计师事务所有限公司对某某县农业农村局2023年度农村人居环境整治专项资金开展了重点绩效评价，现将评价情况报告如下。

## 一、项目基本情况

（一）项目概况。2023年度农村人居环境整治专项资金预算500.00万元，实际支出460.00万元，预算执行率92.00%。

（二）项目绩效目标。完成农村户厕改造2000户，改厕验收合格率不低于95%。

## 二、绩效评价工作开展情况

评价采用比较法和公众评判法。评价结果分为四个等级：90分（含）以上为优，80分（含）-90分为良，60分（含）-80分为中，60分以下为差。

## 三、综合评价情况及评价结论

经综合评价，该项目绩效评价得分为${p ? '85.5' : '85.5'}分，评价等级为“${p ? '优' : '良'}”。其中决策类指标得分率为${p ? '88.67' : '86.67'}%，过程类指标得分率为88.00%。

表1 绩效评价得分情况表

| 一级指标 | 分值 | 得分 | 得分率 |
| --- | --- | --- | --- |
${summary.map((r) => `| ${r.join(' | ')} |`).join('\n')}

## 四、绩效评价指标分析

（一）项目决策情况。项目立项依据充分，立项程序有待规范。

（二）项目产出情况。完成改厕1800户，完成率90%。

## 五、存在的问题及原因分析

1.立项程序不规范。

2.部分乡镇改厕进度滞后。

## 六、有关建议

加强项目前期论证和过程监管。

附件：绩效评价指标体系及评分表

${tables[0]}

- 12 -

${tables[1]}

- 13 -

${tables[2]}
`;
}
