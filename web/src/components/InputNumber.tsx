// antd's InputNumber that reads numbers as people type them with a Chinese IME (１２３．４, 1,234.5, 98％).
import { InputNumber as AntInputNumber, type InputNumberProps } from 'antd';
import { parseTyped } from '../app/typed';

/** antd drops what its default parser cannot read, so full-width digits typed with a Chinese IME vanished (issue 11). */
export function InputNumber<T extends number | string = number>(props: InputNumberProps<T>) {
  return <AntInputNumber<T> parser={parseTyped as (s: string | undefined) => T} {...props} />;
}
