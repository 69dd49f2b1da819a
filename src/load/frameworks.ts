import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Framework } from '../core/framework/model.js';
import { parseFramework } from '../core/framework/parse.js';
import { InputError } from '../core/input.js';
import { FRAMEWORKS_DIR } from './paths.js';

/** The built-in frameworks (frameworks/*.yaml), each version a file. Parsed once per process. */
export class FrameworkCatalog {
  private readonly byKey = new Map<string, Framework>();

  constructor(frameworks: Framework[]) {
    for (const f of frameworks) this.byKey.set(`${f.id}@${f.version}`, f);
  }

  static fromDir(dir = FRAMEWORKS_DIR): FrameworkCatalog {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
      .sort();
    return new FrameworkCatalog(
      files.map((f) => parseFramework(readFileSync(path.join(dir, f), 'utf8'), path.join(dir, f))),
    );
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

/** The built-ins plus framework files of the user's own (an importer's reconstruction, a bureau's copy). */
export function catalogWith(files: string[]): FrameworkCatalog {
  const extra = files.map((f) => {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (e) {
      throw new InputError(f, [
        {
          field: '',
          message: `无法读取指标框架文件：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (e as Error).message}`,
        },
      ]);
    }
    return parseFramework(text, f);
  });
  return new FrameworkCatalog([...builtinFrameworks().list(), ...extra]);
}

let builtin: FrameworkCatalog | undefined;
export function builtinFrameworks(): FrameworkCatalog {
  builtin ??= FrameworkCatalog.fromDir();
  return builtin;
}
