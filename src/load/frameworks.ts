import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Framework } from '../core/framework/model.js';
import { parseFramework } from '../core/framework/parse.js';
import { FRAMEWORKS_DIR } from './paths.js';

/** The built-in frameworks (frameworks/*.yaml), each version a file. Parsed once per process. */
export class FrameworkCatalog {
  private readonly byKey = new Map<string, Framework>();

  constructor(frameworks: Framework[]) {
    for (const f of frameworks) this.byKey.set(`${f.id}@${f.version}`, f);
  }

  static fromDir(dir = FRAMEWORKS_DIR): FrameworkCatalog {
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
    return new FrameworkCatalog(files.map((f) => parseFramework(readFileSync(path.join(dir, f), 'utf8'), path.join(dir, f))));
  }

  list(): Framework[] {
    return [...this.byKey.values()].sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
  }

  /** The given version, or the newest one. */
  get(id: string, version?: number): Framework | undefined {
    if (version !== undefined) return this.byKey.get(`${id}@${version}`);
    return this.list()
      .filter((f) => f.id === id)
      .at(-1);
  }
}

let builtin: FrameworkCatalog | undefined;
export function builtinFrameworks(): FrameworkCatalog {
  builtin ??= FrameworkCatalog.fromDir();
  return builtin;
}
