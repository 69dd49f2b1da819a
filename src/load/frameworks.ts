import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Framework } from '../core/framework/model.js';
import { parseFramework } from '../core/framework/parse.js';
import { InputError } from '../core/input.js';
import { FRAMEWORKS_DIR } from './paths.js';
import { frameworkFiles, fromPrebuilt, type Prebuilt, readPrebuilt } from './prebuilt.js';

/** A framework file not parsed yet, with its id and version peeked from the text (top-level keys). */
interface Pending {
  file: string;
  text: string;
  id?: string;
  version?: number;
  /** Its pre-parsed source from the build (used only if built from this very text). */
  prebuilt?: Prebuilt[string];
}

const peek = (text: string, key: string) =>
  new RegExp(`^${key}:[ \\t]*['"]?([^'"#\\s]+)['"]?[ \\t]*(?:#.*)?$`, 'm').exec(text)?.[1];

/**
 * The built-in frameworks (frameworks/*.yaml), each version a file. A file is parsed the first time
 * a framework it may hold is asked for, once per process: `jixiao score` parses one framework, not all.
 */
export class FrameworkCatalog {
  private readonly byKey = new Map<string, Framework>();
  private pending: Pending[] = [];

  constructor(frameworks: Framework[], pending: Pending[] = []) {
    for (const f of frameworks) this.byKey.set(`${f.id}@${f.version}`, f);
    this.pending = pending;
  }

  /** The frameworks of `dir`; the built-in directory's files with their pre-parsed copies (dist/frameworks.json). */
  static fromDir(
    dir = FRAMEWORKS_DIR,
    prebuilt = dir === FRAMEWORKS_DIR ? readPrebuilt() : undefined,
  ): FrameworkCatalog {
    return new FrameworkCatalog(
      [],
      frameworkFiles(dir).map((f) => {
        const file = path.join(dir, f);
        const text = readFileSync(file, 'utf8');
        const id = peek(text, 'id');
        const version = Number(peek(text, 'version'));
        const built = prebuilt?.[f];
        return {
          file,
          text,
          ...(id && { id }),
          ...(Number.isInteger(version) && { version }),
          ...(built && { prebuilt: built }),
        };
      }),
    );
  }

  /** Parses the pending files that may hold `id` (and `version`); a file whose keys could not be peeked always may. */
  private parse(id?: string, version?: number): void {
    const keep: Pending[] = [];
    for (const p of this.pending) {
      const may =
        id === undefined ||
        p.id === undefined ||
        (p.id === id && (version === undefined || p.version === undefined || p.version === version));
      if (!may) {
        keep.push(p);
        continue;
      }
      const f = fromPrebuilt(p.prebuilt, p.text) ?? parseFramework(p.text, p.file);
      this.byKey.set(`${f.id}@${f.version}`, f);
    }
    this.pending = keep;
  }

  list(): Framework[] {
    this.parse();
    return [...this.byKey.values()].sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
  }

  /** The given version, or the newest one. */
  get(id: string, version?: number): Framework | undefined {
    this.parse(id, version);
    if (version !== undefined) return this.byKey.get(`${id}@${version}`);
    return [...this.byKey.values()]
      .filter((f) => f.id === id)
      .sort((a, b) => a.version - b.version)
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
