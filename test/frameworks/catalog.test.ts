// The built-in framework catalogue parses a file only when a framework it holds is asked for.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { FrameworkCatalog } from '../../src/load/frameworks.js';
import { FRAMEWORKS_DIR } from '../../src/load/paths.js';

const SHANGJIE = readFileSync(path.join(FRAMEWORKS_DIR, 'zhengzhou-shangjie-2021.yaml'), 'utf8');

test('get parses only the file that holds the framework; a broken other file does not matter until listed', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'jixiao-catalog-'));
  writeFileSync(path.join(dir, 'a.yaml'), SHANGJIE);
  writeFileSync(path.join(dir, 'b.yaml'), SHANGJIE.replace(/^version: 1$/m, 'version: 2'));
  writeFileSync(path.join(dir, 'broken.yaml'), 'id: other\nversion: 1\nroots: [');
  const c = FrameworkCatalog.fromDir(dir);
  assert.equal(c.get('zhengzhou-shangjie-2021', 1)?.version, 1);
  assert.equal(c.get('zhengzhou-shangjie-2021')?.version, 2, 'without a version: the newest');
  assert.equal(c.get('nowhere'), undefined);
  assert.throws(() => c.list(), /broken\.yaml/);
});

test('the built-ins list every file, as before', () => {
  const c = FrameworkCatalog.fromDir();
  assert.equal(c.list().length, 7);
  assert.equal(c.get('jinzhong-2021')?.id, 'jinzhong-2021');
});
