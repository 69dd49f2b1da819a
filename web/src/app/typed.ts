// What a person typed into a number field, made readable for antd's InputNumber (pure: tested in node).
// Relative, not @core: this file is also imported by the node tests.
import { halfWidth } from '../../../src/core/check/normalise.js';

/** Full-width digits and punctuation half-width, thousands separators and a trailing unit dropped. */
export function parseTyped(s: string | undefined): string {
  return halfWidth(s ?? '')
    .replace(/[,，\s]/g, '')
    .replace(/(万元|元|分|%|人|次|项|年度?)$/u, '');
}
