// 八、自评报告正文: the narrative chapters, in the order the report prints them.
import { Card } from 'antd';
import { memo } from 'react';
import { TextField } from '../inputs';
import { type Problems } from './shared';

const NARRATIVE_KEYS = ['部门（单位）基本情况', '绩效目标完成情况', '存在的问题及原因分析', '下一步改进措施'];
const CN = '一二三四五六七八九十';
/** 引言 first, then 一、二、… in order (the database does not keep key order). */
function narrativeOrder(k: string): number {
  const m = /^([一二三四五六七八九十]{1,3})、/.exec(k);
  if (!m) return k === '引言' ? -1 : 1000;
  const t = m[1]!;
  if (t.length === 1) return CN.indexOf(t) + 1;
  if (t[0] === '十') return 10 + CN.indexOf(t[1]!) + 1;
  return (CN.indexOf(t[0]!) + 1) * 10 + (t[2] ? CN.indexOf(t[2]) + 1 : 0);
}

export const NarrativeSection = memo(function NarrativeSection({
  narrative,
  problems,
}: {
  narrative: Record<string, string> | undefined;
  problems: Problems;
}) {
  const existing = Object.keys(narrative ?? {}).sort((a, b) => narrativeOrder(a) - narrativeOrder(b));
  const keys = existing.length ? existing : NARRATIVE_KEYS;
  return (
    <Card id="sec-narrative" title="八、情况说明" className="jx-card jx-section">
      {keys.map((k) => (
        <TextField
          key={k}
          k={`narrative.${k}`}
          path={['narrative', k]}
          label={k}
          value={narrative?.[k]}
          problems={problems.get(`narrative.${k}`)}
          multiline
        />
      ))}
    </Card>
  );
});
