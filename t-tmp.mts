import { keyEvalMarkdown } from './test/importers/fixtures-keyeval.ts';
import { importText } from './src/importers/index.ts';
import { layoutText } from './src/importers/document.ts';
import { audit } from './src/core/audit/index.ts';
const md = keyEvalMarkdown({ planted: process.argv[2] === 'p' });
if (process.argv[3] === 'doc') for (const b of layoutText(md).blocks) console.log(JSON.stringify(b));
try {
const r = importText(md, { name: 'k.md' });
console.log(r.evaluation.unit, r.evaluation.year, r.framework.id, r.recognised, r.evaluation.claimed, r.stats);
console.log(JSON.stringify(r.frameworkSource?.indicators.map(i => [i.name, i.weight, i.children?.map(c => [c.name, c.weight, c.children?.map(d => d.name + ':' + d.weight)])])));
const a = audit(r.framework, r.evaluation, r.facts);
console.log(a.summary, a.findings.filter(f => f.code !== 'judged-by-claim').map((f) => `${f.severity} ${f.code} ${f.message}`));
} catch (e) { console.log(String(e)); }
const r2 = importText(keyEvalMarkdown(), { name: 'k.md' });
console.log(JSON.stringify(r2.evaluation.indicators['绩效目标合理性']), JSON.stringify(r2.frameworkSource?.grades), r2.confidence.filter(c => /跨页|拼接/.test(c.note)));
