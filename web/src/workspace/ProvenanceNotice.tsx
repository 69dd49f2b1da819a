// The notice on a draft started from last year or a file: what came from where, what was cleared, confirm.
import { PROVENANCE_LABELS } from '@core/carry-over.js';
import { fieldLabel, valueText } from '@core/history.js';
import { Alert, App, Button, Collapse } from 'antd';
import { api } from '../app/api';
import type { EvaluationDetail } from '../app/types';

export function ProvenanceNotice({
  detail,
  flush,
  version,
  onConfirmed,
}: {
  detail: EvaluationDetail;
  flush(): Promise<boolean>;
  /** The version the autosave holds now (confirming moves it on, like a transition). */
  version(): number;
  onConfirmed(d: EvaluationDetail): void;
}) {
  const { message } = App.useApp();
  const p = detail.provenance;
  if (!p || !detail.editable) return null;
  const confirmAll = async () => {
    try {
      if (!(await flush())) {
        message.error('还有未能保存的修改，请处理后再确认');
        return;
      }
      onConfirmed(await api.confirm(detail.id, version()));
      message.success('已确认全部沿用或导入的内容');
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Alert
      type="info"
      showIcon
      data-testid="provenance"
      title={`本草稿有 ${p.fields.length} 项内容来自${PROVENANCE_LABELS[p.source]}“${p.label}”，请逐项核对`}
      description={
        <>
          <p>改动过的内容自动视为已核对；核对无误后可一次确认全部。</p>
          <Collapse
            size="small"
            items={[
              {
                key: 'fields',
                label: `待确认的内容（${p.fields.length} 项）`,
                children: (
                  <ul className="jx-provenance">
                    {p.fields.slice(0, 200).map((f) => (
                      <li key={f}>{fieldLabel(f)}</li>
                    ))}
                  </ul>
                ),
              },
              ...(p.cleared.length
                ? [
                    {
                      key: 'cleared',
                      label: `与年度有关、已清空的数值（${p.cleared.length} 项，上年值供参考）`,
                      children: (
                        <ul className="jx-provenance">
                          {p.cleared.slice(0, 200).map((c) => (
                            <li key={c.field}>
                              {fieldLabel(c.field)}：上年 {valueText(c.field, c.old)}
                            </li>
                          ))}
                        </ul>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </>
      }
      action={
        <Button size="small" type="primary" onClick={() => void confirmAll()}>
          全部确认
        </Button>
      }
    />
  );
}
