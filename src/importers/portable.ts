import { buildFramework, type Framework } from '../core/framework/model.js';
import { builtinFrameworks } from '../load/frameworks.js';
import type { ImportResult } from './index.js';
import { ImportError, type ImportErrorCode } from './limits.js';
import { libraryReason } from './text-util.js';

/**
 * An import result as plain data, to cross from the sandbox process to the caller: the framework
 * travels as a reference to a built-in (id, version) or, when rebuilt from the table, as its source.
 */
export type PortableResult = Omit<ImportResult, 'framework'> & { frameworkRef: { id: string; version: number } };

export interface PortableError {
  code: ImportErrorCode;
  detail: string;
  file?: string;
  found?: unknown;
}

export function toPortable(r: ImportResult): PortableResult {
  const { framework, ...rest } = r;
  return { ...rest, frameworkRef: { id: framework.id, version: framework.version } };
}

export function fromPortable(p: PortableResult, given?: Framework): ImportResult {
  const { frameworkRef, ...rest } = p;
  let framework: Framework | undefined;
  if (p.frameworkSource) framework = buildFramework(p.frameworkSource).framework;
  else if (given && given.id === frameworkRef.id && given.version === frameworkRef.version) framework = given;
  else framework = builtinFrameworks().get(frameworkRef.id, frameworkRef.version);
  if (!framework) throw new ImportError('unreadable', `找不到指标框架“${frameworkRef.id}”`, p.file);
  return { ...rest, framework };
}

export function errorToPortable(e: unknown): PortableError {
  if (e instanceof ImportError)
    return {
      code: e.code,
      detail: e.detail,
      ...(e.file !== undefined && { file: e.file }),
      ...(e.found !== undefined && { found: e.found }),
    };
  return { code: 'unreadable', detail: `无法读取该文件，文件已损坏或格式不受支持${libraryReason(e)}` };
}

export function errorFromPortable(p: PortableError): ImportError {
  return new ImportError(p.code, p.detail, p.file, p.found);
}
