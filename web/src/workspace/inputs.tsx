import { Form, Input } from 'antd';
import { createContext, memo, type ReactNode, useContext } from 'react';
import { wan } from '../app/format';
import type { Problem } from './check';
import type { Path } from './doc';
import { NumInput } from './NumInput';

/** How a field reaches the document: one stable change function, and whether editing is allowed. */
export interface EditContext {
  change(path: Path, value: unknown): void;
  readOnly: boolean;
  /** The approved 指标值 of an indicator (by 三级 name) when an approved target set locks it. */
  lockedTarget?(name: string): string | number | undefined;
}
export const EditCtx = createContext<EditContext>({ change: () => undefined, readOnly: true });

export const toPath = (k: string): Path => k.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
export const fieldId = (k: string) => `f-${k.replace(/[^A-Za-z0-9_-]/g, (c) => c.codePointAt(0)!.toString(36))}`;

export function statusOf(problems: Problem[] | undefined): { status?: 'error' | 'warning'; help?: ReactNode } {
  if (!problems?.length) return {};
  const err = problems.some((p) => p.level === 'error');
  return {
    status: err ? 'error' : 'warning',
    help: (
      <span role={err ? 'alert' : undefined}>
        {problems.map((p) => (
          <span key={p.message} className="jx-help-line">
            {p.message}
          </span>
        ))}
      </span>
    ),
  };
}

export interface NumFieldProps {
  k: string;
  label: string;
  unit?: '万元' | '%' | '人' | '项' | '个';
  value: unknown;
  problems?: Problem[] | undefined;
  placeholder?: string | undefined;
  /** A derived figure shown under the field (e.g. 全年预算数 computed). */
  extra?: ReactNode;
  integer?: boolean;
}

/** A number of the figures: label, unit, inline validation in Chinese naming the field. */
export const NumField = memo(function NumField({
  k,
  label,
  unit,
  value,
  problems,
  placeholder,
  extra,
  integer,
}: NumFieldProps) {
  const { change, readOnly } = useContext(EditCtx);
  const id = fieldId(k);
  const { status, help } = statusOf(problems);
  // A number, or the text typed when it could not be read (kept, with its message).
  const v = typeof value === 'number' ? value : typeof value === 'string' && value ? value : null;
  return (
    <Form.Item
      layout="vertical"
      label={label}
      htmlFor={id}
      validateStatus={status}
      help={help}
      extra={extra}
      className="jx-field"
    >
      {readOnly ? (
        <span
          id={id}
          className="jx-readonly-value"
          tabIndex={0}
          aria-label={`${label}：${v === null ? '未填写' : `${unit === '万元' && typeof v === 'number' ? wan(v) : v}${unit ?? ''}`}`}
        >
          {v === null ? (
            <span className="jx-muted">未填写</span>
          ) : unit === '万元' && typeof v === 'number' ? (
            wan(v)
          ) : (
            v
          )}
          {v !== null && unit ? <span className="jx-unit">{unit}</span> : null}
        </span>
      ) : (
        <NumInput
          id={id}
          value={value}
          unit={unit === '万元' ? 'wan' : unit === '%' ? 'percent' : unit || integer ? 'count' : 'plain'}
          onChange={(x) => change(toPath(k), x)}
          suffix={unit}
          placeholder={placeholder}
          className="jx-num"
          aria-invalid={status === 'error' || undefined}
        />
      )}
    </Form.Item>
  );
});

export const TextField = memo(function TextField({
  k,
  label,
  value,
  problems,
  multiline,
  placeholder,
  path,
}: {
  k: string;
  label: string;
  value: unknown;
  problems?: Problem[] | undefined;
  multiline?: boolean;
  placeholder?: string;
  path?: Path;
}) {
  const { change, readOnly } = useContext(EditCtx);
  const id = fieldId(k);
  const { status, help } = statusOf(problems);
  const v = typeof value === 'string' ? value : '';
  return (
    <Form.Item layout="vertical" label={label} htmlFor={id} validateStatus={status} help={help} className="jx-field">
      {readOnly ? (
        <div id={id} className="jx-readonly-text" tabIndex={0}>
          {v || <span className="jx-muted">未填写</span>}
        </div>
      ) : multiline ? (
        <Input.TextArea
          id={id}
          value={v}
          onChange={(e) => change(path ?? toPath(k), e.target.value)}
          autoSize={{ minRows: 2, maxRows: 10 }}
          placeholder={placeholder}
        />
      ) : (
        <Input
          id={id}
          value={v}
          onChange={(e) => change(path ?? toPath(k), e.target.value)}
          placeholder={placeholder}
        />
      )}
    </Form.Item>
  );
});
