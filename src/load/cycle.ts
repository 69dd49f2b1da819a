// Reading the cycle's files (绩效目标表, 绩效监控表) from YAML or JSON, problems named by file, line and field.
import { readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';
import { type CycleFinding, jsonPath } from '../core/cycle/findings.js';
import { InputError, parseWith, type ParsedYaml } from '../core/input.js';

const MAX_BYTES = 5 * 1024 * 1024;

export interface CycleFile<T> {
  file: string;
  value: T;
  parsed: ParsedYaml;
}

/** YAML is a superset of JSON: one parser for both, so a JSON file's errors also name their line. */
export function readCycleFile<S extends z.ZodType>(schema: S, file: string): CycleFile<z.output<S>> {
  let text: string;
  try {
    if (statSync(file).size > MAX_BYTES)
      throw new InputError(file, [{ field: '', message: '文件超过5MB，不是目标表或监控表' }]);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(file, [
      {
        field: '',
        message: `无法读取文件：${code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个文件夹' : (e as Error).message}`,
      },
    ]);
  }
  const { value, parsed } = parseWith(schema, text, file);
  return { file, value, parsed };
}

/** “targets.yaml 第12行：indicators[3].target：…”. */
export function findingLine(f: CycleFinding, src?: CycleFile<unknown>): string {
  const line = src ? src.parsed.lineOf(f.path) : undefined;
  const where = src ? `${src.file}${line ? ` 第${line}行` : ''}：` : '';
  return `${where}${f.path.length ? `${jsonPath(f.path)}：` : ''}${f.message}`;
}
