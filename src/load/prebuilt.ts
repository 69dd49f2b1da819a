/**
 * The built-in frameworks pre-parsed at build time (dist/frameworks.json): each YAML file's checked
 * source (the schema's output, as JSON) under the SHA-256 of its text. The YAML stays the source of
 * truth: a file whose text no longer has the digest it was built from is parsed from the YAML again.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildFramework, type Framework } from '../core/framework/model.js';
import { parseFramework } from '../core/framework/parse.js';
import { FrameworkSchema, type FrameworkSource } from '../core/framework/schema.js';
import { parseWith } from '../core/input.js';
import { FRAMEWORKS_DIR, PACKAGE_ROOT } from './paths.js';

export const PREBUILT_FILE = path.join(PACKAGE_ROOT, 'dist', 'frameworks.json');

/** File name → digest of its text and its checked source. */
export type Prebuilt = Record<string, { sha256: string; source: FrameworkSource }>;

export const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

export const frameworkFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();

/** Every framework file of `dir`, parsed and checked (a file that does not parse fails the build). */
export function prebuild(dir = FRAMEWORKS_DIR): Prebuilt {
  const out: Prebuilt = {};
  for (const f of frameworkFiles(dir)) {
    const file = path.join(dir, f);
    const text = readFileSync(file, 'utf8');
    parseFramework(text, file);
    out[f] = { sha256: digest(text), source: parseWith(FrameworkSchema, text, file).value };
  }
  return out;
}

export function writePrebuilt(out = PREBUILT_FILE, dir = FRAMEWORKS_DIR): void {
  writeFileSync(out, JSON.stringify(prebuild(dir)));
}

/** The pre-parsed copy, or nothing (not built, unreadable): the YAML is then parsed. */
export function readPrebuilt(file = PREBUILT_FILE): Prebuilt | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Prebuilt;
  } catch {
    return undefined;
  }
}

/** The framework from its pre-parsed source when that source was built from this very text. */
export function fromPrebuilt(entry: Prebuilt[string] | undefined, text: string): Framework | undefined {
  if (!entry || entry.sha256 !== digest(text)) return undefined;
  const { framework, issues } = buildFramework(entry.source);
  return issues.length ? undefined : framework;
}
