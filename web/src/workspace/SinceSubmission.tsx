// 自上次提交以来的修改: figures, indicators, narrative, scores and evidence changed between two submissions.
import { DiffOutlined } from '@ant-design/icons';
import type { TreeIndex } from '@core/framework/model.js';
import { valueText } from '@core/history.js';
import { App, Button, Drawer, Empty } from 'antd';
import { useState } from 'react';
import { dateTime } from '../app/format';
import { reviewApi } from '../app/reviewApi';
import type { SinceSubmission as Changes } from '../app/types';
import { fieldLabel } from './check';

const SECTIONS: Array<[keyof Changes & ('figures' | 'indicators' | 'narrative' | 'scores' | 'other'), string]> = [
  ['scores', '得分'],
  ['figures', '基础数据'],
  ['indicators', '绩效指标'],
  ['narrative', '自评报告'],
  ['other', '其他'],
];

/** A value: numbers and yes/no as the history reads them (money in 万元, rates in %), text at most 120 characters. */
function text(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '空';
  if (typeof v === 'number' || typeof v === 'boolean') return valueText(field.replace(/\[(\d+)\]/g, '.$1'), v);
  if (typeof v === 'object') return Array.isArray(v) ? `${v.length}项` : '（已修改）';
  const s = String(v);
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}

/** The form's label of a changed field; an indicator's input by its name (“指标‘预算执行率’的偏差原因”). */
function label(field: string, index: TreeIndex): string {
  return fieldLabel(field.replace(/\[(\d+)\]/g, '.$1'), index);
}

export function SinceSubmissionButton({ evaluationId, index }: { evaluationId: number; index: TreeIndex }) {
  const { message } = App.useApp();
  const [data, setData] = useState<Changes>();
  const show = async () => {
    try {
      setData(await reviewApi.sinceSubmission(evaluationId));
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const count = data ? SECTIONS.reduce((n, [k]) => n + data[k].length, 0) + data.attachments.length : 0;
  return (
    <>
      <Button icon={<DiffOutlined />} onClick={() => void show()}>
        自上次提交以来的修改
      </Button>
      <Drawer open={Boolean(data)} onClose={() => setData(undefined)} title="自上次提交以来的修改" size={560}>
        {data && !data.baseline ? (
          <Empty description="这份评价还没有提交过，或只提交过一次：没有可比较的上一次提交" />
        ) : null}
        {data?.baseline ? (
          <div className="jx-since" data-testid="since-submission">
            <p className="jx-muted">
              上一次提交：{dateTime(data.baseline.at)}（{data.baseline.by}）；
              {data.until
                ? `本次提交：${dateTime(data.until.at)}（${data.until.by}）`
                : '至今（尚未再次提交）'}。共 {count} 处修改。
            </p>
            {SECTIONS.map(([k, title]) =>
              data[k].length ? (
                <section key={k}>
                  <h3 className="jx-subhead">
                    {title}（{data[k].length}）
                  </h3>
                  <dl>
                    {data[k].map((c) => (
                      <div key={c.field} style={{ display: 'contents' }}>
                        <dt>{k === 'scores' ? c.field : label(c.field, index)}</dt>
                        <dd>
                          <del>{k === 'scores' ? text('', c.old) : text(c.field, c.old)}</del> →{' '}
                          <ins>{k === 'scores' ? text('', c.new) : text(c.field, c.new)}</ins>
                        </dd>
                      </div>
                    ))}
                  </dl>
                </section>
              ) : null,
            )}
            {data.attachments.length ? (
              <section>
                <h3 className="jx-subhead">佐证材料（{data.attachments.length}）</h3>
                <ul>
                  {data.attachments.map((a, i) => (
                    <li key={i}>
                      {a.change === 'added' ? '新增' : '删除'}“{a.filename}”（{dateTime(a.at)}）
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            {count === 0 ? <p>两次提交之间没有修改。</p> : null}
          </div>
        ) : null}
      </Drawer>
    </>
  );
}
