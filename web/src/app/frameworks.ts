import { buildFramework, type Framework } from '@core/framework/model.js';
import { FrameworkSchema } from '@core/framework/schema.js';
import { api } from './api';
import { frameworkKey, prefetched } from './prefetch';
import type { FrameworkDetail } from './types';

/**
 * A framework version as the browser scores with it: the server's source as data (the YAML parsed on
 * the server, so no YAML parser is bundled), checked and built by the same core code the server uses
 * (FrameworkSchema, buildFramework), once per version.
 */
const cache = new Map<number, Promise<{ detail: FrameworkDetail; framework: Framework }>>();

export function frameworkOf(detail: FrameworkDetail): Framework {
  const label = `${detail.frameworkId}@${detail.version}`;
  const parsed = FrameworkSchema.safeParse(detail.source);
  if (!parsed.success) throw new Error(`指标框架 ${label} 的数据不正确：${parsed.error.issues[0]?.message ?? ''}`);
  const { framework, issues } = buildFramework(parsed.data);
  if (issues.length) throw new Error(`指标框架 ${label} 的数据不正确：${issues[0]!.message}`);
  return framework;
}

export function loadFramework(versionId: number): Promise<{ detail: FrameworkDetail; framework: Framework }> {
  let p = cache.get(versionId);
  if (!p) {
    p = prefetched(frameworkKey(versionId), () => api.framework(versionId)).then((detail) => ({
      detail,
      framework: frameworkOf(detail),
    }));
    p.catch(() => cache.delete(versionId));
    cache.set(versionId, p);
  }
  return p;
}
