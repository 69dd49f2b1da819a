/** @module An imported evaluation as YAML, with the import notes as a comment on top (jixiao import; the import-and-audit job). */
import { stringify } from 'yaml';
import type { ImportResult } from './index.js';

export function evaluationYaml(r: ImportResult): string {
  const head = [
    `由 jixiao import 自 ${r.file ?? '报告'}（${r.format.toUpperCase()}）导入。`,
    r.recognised
      ? `指标体系：${r.framework.name}（${r.framework.id}）`
      : `指标体系：未匹配内置框架，已按表重建（${r.framework.id}），见同名 .framework.yaml`,
    ...(r.confidence.length
      ? ['以下字段经推断或解读，请核对：', ...r.confidence.map((c) => `- ${c.field}：${c.note}`)]
      : []),
  ];
  const comment = head
    .flatMap((l) => l.split('\n'))
    .map((l) => `# ${l}`)
    .join('\n');
  return `${comment}\n${stringify(r.evaluation, { lineWidth: 0 })}`;
}
