// One text input of an indicator row (指标值, 实际完成值, 偏差原因) with its inline problems; memoised on what it shows.
import { Form, Input } from 'antd';
import { memo, type ReactNode, useContext } from 'react';
import type { Problem } from './check';
import { EditCtx, statusOf } from './inputs';

const AUTO_SIZE = { minRows: 1, maxRows: 6 };

/**
 * Its own component so that a new live score re-renders the row's 得分 and not its antd Form.Items:
 * each Form.Item that renders asks the browser whether it is visible (offsetParent), a forced layout
 * of the page right after a commit (≈ 2 ms), then measures its help in a layout effect.
 */
export const IndicatorField = memo(function IndicatorField({
  docKey,
  field,
  label,
  value,
  placeholder,
  problems,
  warning,
  extra,
  multiline,
}: {
  docKey: string;
  field: 'target' | 'actual' | 'deviationReason';
  label: string;
  value: string;
  placeholder: string;
  problems: Problem[] | undefined;
  /** A 提示 shown when there is no problem of the check's own (e.g. 偏差原因 expected). */
  warning?: string | undefined;
  /** Under the input (must keep its identity while its content does: antd measures it when it changes). */
  extra?: ReactNode;
  multiline?: boolean;
}) {
  const { change } = useContext(EditCtx);
  const own = statusOf(problems);
  const onChange = (e: { target: { value: string } }) => change(['indicators', docKey, field], e.target.value);
  return (
    <Form.Item
      validateStatus={own.status ?? (warning ? 'warning' : undefined)}
      help={own.help ?? warning}
      className="jx-cell-field"
      extra={extra}
    >
      {multiline ? (
        <Input.TextArea
          aria-label={label}
          value={value}
          autoSize={AUTO_SIZE}
          placeholder={placeholder}
          onChange={onChange}
        />
      ) : (
        <Input aria-label={label} value={value} placeholder={placeholder} onChange={onChange} />
      )}
    </Form.Item>
  );
});
