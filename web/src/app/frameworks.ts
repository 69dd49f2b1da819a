import type { Framework } from '@core/framework/model.js';
import { parseFramework } from '@core/framework/parse.js';
import { api } from './api';
import type { FrameworkDetail } from './types';

/**
 * A framework version as the browser scores with it: the server's source YAML parsed by the same
 * core code the server uses (parseFramework), once per version.
 */
const cache = new Map<number, Promise<{ detail: FrameworkDetail; framework: Framework }>>();

export function loadFramework(versionId: number): Promise<{ detail: FrameworkDetail; framework: Framework }> {
  let p = cache.get(versionId);
  if (!p) {
    p = api.framework(versionId).then((detail) => ({
      detail,
      framework: parseFramework(detail.sourceYaml, `${detail.frameworkId}@${detail.version}`),
    }));
    p.catch(() => cache.delete(versionId));
    cache.set(versionId, p);
  }
  return p;
}
