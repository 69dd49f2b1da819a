// The built-in frameworks pre-parsed at build time (dist/frameworks.json) equal the parsed YAML, and a changed YAML wins.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parseFramework } from '../../src/core/framework/parse.js';
import { FrameworkCatalog } from '../../src/load/frameworks.js';
import { FRAMEWORKS_DIR } from '../../src/load/paths.js';
import {
  frameworkFiles,
  fromPrebuilt,
  PREBUILT_FILE,
  type Prebuilt,
  prebuild,
  readPrebuilt,
  writePrebuilt,
} from '../../src/load/prebuilt.js';

const FILES = frameworkFiles(FRAMEWORKS_DIR);
const parsed = (f: string) => parseFramework(readFileSync(path.join(FRAMEWORKS_DIR, f), 'utf8'), f);

test('every built-in framework built from its pre-parsed copy (through JSON) equals the parsed YAML', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'jixiao-prebuilt-'));
  try {
    const out = path.join(dir, 'frameworks.json');
    writePrebuilt(out);
    const copy = readPrebuilt(out)!;
    assert.deepEqual(Object.keys(copy), FILES);
    for (const f of FILES) {
      const built = fromPrebuilt(copy[f], readFileSync(path.join(FRAMEWORKS_DIR, f), 'utf8'));
      assert.ok(built, f);
      assert.deepEqual(built, parsed(f));
    }
    // The catalogue over the copy lists the same frameworks as the one over the YAML alone.
    const viaCopy = FrameworkCatalog.fromDir(FRAMEWORKS_DIR, copy).list();
    const viaYaml = FrameworkCatalog.fromDir(FRAMEWORKS_DIR, {}).list();
    assert.deepEqual(viaCopy, viaYaml);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a framework whose YAML changed after the build is read from the YAML', () => {
  const copy: Prebuilt = prebuild();
  const f = FILES[0]!;
  const text = readFileSync(path.join(FRAMEWORKS_DIR, f), 'utf8');
  assert.equal(fromPrebuilt(copy[f], `${text}\n# edited after the build\n`), undefined);
  // A copy that says something else under the right digest is not what this test trusts: the digest is of the text.
  const other = { ...copy[f]!, source: { ...copy[f]!.source, name: '改过的名称' } };
  const fromStale = FrameworkCatalog.fromDir(FRAMEWORKS_DIR, { [f]: { ...other, sha256: 'stale' } }).list();
  assert.ok(fromStale.every((fw) => fw.name !== '改过的名称'));
});

test('the copy in dist/, when built from the current YAML, equals the parsed YAML', { skip: !existsSync(PREBUILT_FILE) }, () => {
  const copy = readPrebuilt()!;
  for (const f of FILES) {
    const built = fromPrebuilt(copy[f], readFileSync(path.join(FRAMEWORKS_DIR, f), 'utf8'));
    if (built) assert.deepEqual(built, parsed(f));
  }
});
