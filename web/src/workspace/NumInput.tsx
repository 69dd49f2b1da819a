/** A number field that reads numbers as people type them (１２３．４, 1,234.5, 12万元, 98%) and never erases what it cannot read. */
import { readNumber } from '@core/check/index.js';
import type { NumberUnit } from '@core/check/normalise.js';
import { Input } from 'antd';
import { type CSSProperties, memo, type ReactNode, useState } from 'react';

export interface NumInputProps {
  id?: string;
  'aria-label'?: string;
  'aria-invalid'?: boolean;
  /** The document's value: a number, or the text typed when it could not be read. */
  value: unknown;
  /** How the field is entered: decides which trailing units are understood (万元/元, %, 人 …). */
  unit?: NumberUnit;
  /** A number when the text reads as one, else the text as typed (the check names the problem), undefined when blank. */
  onChange(value: number | string | undefined): void;
  suffix?: ReactNode;
  placeholder?: string;
  style?: CSSProperties;
  className?: string;
  readOnly?: boolean;
}

/**
 * While the field has focus it shows exactly what was typed (so “1.” or “１２” stay as typed); the
 * document gets the number as soon as the text reads as one. What cannot be read is kept in the
 * document as text: the core's check shows the message at the field and the autosave waits.
 */
export const NumInput = memo(function NumInput({ value, unit = 'plain', onChange, ...rest }: NumInputProps) {
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? (typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '');
  return (
    <Input
      {...rest}
      value={shown}
      inputMode="decimal"
      autoComplete="off"
      onChange={(e) => {
        const t = e.target.value;
        setText(t);
        if (!t.trim()) return onChange(undefined);
        const r = readNumber(t, unit);
        onChange(r.ok ? r.value : t);
      }}
      onBlur={() => setText(null)}
    />
  );
});
