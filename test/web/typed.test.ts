/** Number fields outside the workspace (tailoring, framework editor, cycle forms) read what a Chinese IME types (issue 11). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTyped } from '../../web/src/app/typed.js';

test('full-width digits, separators and units read as the number antd expects; other text is left for antd to refuse', () => {
  assert.equal(parseTyped('１２３．４'), '123.4');
  assert.equal(parseTyped('1,234.5'), '1234.5');
  assert.equal(parseTyped('１，２３４．５０万元'), '1234.50');
  assert.equal(parseTyped('98％'), '98');
  assert.equal(parseTyped('５分'), '5');
  assert.equal(parseTyped('2024年度'), '2024');
  assert.equal(parseTyped('－３'), '-3');
  assert.equal(parseTyped('大约九成'), '大约九成');
  assert.equal(parseTyped(undefined), '');
});
