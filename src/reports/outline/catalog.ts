/**
 * The report outlines in frameworks/outlines/*.yaml, read once per process: the one for a framework is
 * the outline naming its id, else the one naming its layout, else the generic outline after
 * 财预〔2020〕10号 附3 (caiyu-2020-10.yaml). A broken outline file stops with the file, line and field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Framework } from '../../core/framework/model.js';
import { InputError, parseWith } from '../../core/input.js';
import { type Outline, OutlineSchema } from './schema.js';

/** frameworks/outlines, from src/reports/outline (tsx) and dist/reports/outline (compiled) alike. */
export const OUTLINES_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'frameworks',
  'outlines',
);

/** The outline for frameworks that have none of their own. */
export const GENERIC_OUTLINE = 'caiyu-2020-10';

export interface NamedOutline extends Outline {
  /** The file's stem. */
  key: string;
}

/** Parses and checks one outline file's text. */
export function parseOutline(text: string, file: string): Outline {
  const { value } = parseWith(OutlineSchema, text, file);
  const titles = value.sections.map((s) => s.title);
  const dup = titles.find((t, i) => titles.indexOf(t) !== i);
  if (dup) throw new InputError(file, [{ field: 'sections', message: `一级标题“${dup}”重复` }]);
  return value;
}

export class OutlineCatalog {
  constructor(readonly outlines: NamedOutline[]) {
    if (!outlines.some((o) => o.key === GENERIC_OUTLINE))
      throw new Error(`缺少通用报告提纲 ${GENERIC_OUTLINE}.yaml（frameworks/outlines）`);
  }

  static fromDir(dir = OUTLINES_DIR): OutlineCatalog {
    const files = readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
    return new OutlineCatalog(
      files.map((f) => {
        const file = path.join(dir, f);
        return { ...parseOutline(readFileSync(file, 'utf8'), file), key: f.replace(/\.ya?ml$/, '') };
      }),
    );
  }

  get(key: string): NamedOutline | undefined {
    return this.outlines.find((o) => o.key === key);
  }

  /** The outline of a framework: by its id, else by its layout, else the generic one. */
  for(fw: Pick<Framework, 'id' | 'layout'>): NamedOutline {
    return (
      this.outlines.find((o) => o.frameworks.includes(fw.id)) ??
      (fw.layout && this.outlines.find((o) => o.layouts.includes(fw.layout!))) ??
      this.get(GENERIC_OUTLINE)!
    );
  }
}

let builtin: OutlineCatalog | undefined;
export function builtinOutlines(): OutlineCatalog {
  builtin ??= OutlineCatalog.fromDir();
  return builtin;
}
