/**
 * @module The first pass over a raw evaluation document: every number a unit typed is read
 * (normalised) and checked against its domain, field by field. The result is a normalised copy (what
 * is stored) and the problems by path; a value that cannot be read stays as typed in the copy.
 */
import {
  checkDomain,
  DOMAINS,
  type Domain,
  FIGURE_FIELDS,
  type FigureKey,
  type Limits,
  TASK_FIELDS,
} from './domains.js';
import { type NumberUnit, readNumber } from './normalise.js';
import type { CheckIssue } from './issues.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const blank = (v: unknown) => v === undefined || v === null || v === '';

export interface Pass {
  issues: CheckIssue[];
  limits: Limits;
}

function issue(pass: Pass, path: Array<string | number>, message: string, level: CheckIssue['level'] = 'error') {
  pass.issues.push({ path, message, level });
}

/** Reads one number in a domain; returns the value to keep (the number, or the text as typed). */
function readIn(pass: Pass, v: unknown, path: Array<string | number>, domain: Domain): unknown {
  const r = readNumber(v, DOMAINS[domain].unit);
  if (!r.ok) {
    if (typeof v === 'string' || typeof v === 'number') issue(pass, path, r.message);
    return v; // not a number or a string: the schema names the type
  }
  for (const p of checkDomain(r.value, domain, pass.limits)) issue(pass, path, p.message, p.level);
  return r.value;
}

/** A plain number (自评得分, 扣分项数 …): normalised, range left to the schema and the framework. */
function readPlain(pass: Pass, v: unknown, path: Array<string | number>, unit: NumberUnit = 'plain'): unknown {
  if (typeof v !== 'string') {
    if (typeof v === 'number' && !Number.isFinite(v)) issue(pass, path, '不是有效的数字');
    return v;
  }
  const r = readNumber(v.replace(/分$/, ''), unit);
  if (!r.ok) {
    issue(pass, path, r.message);
    return v;
  }
  return r.value;
}

function figures(pass: Pass, raw: Obj): Obj {
  const out: Obj = {};
  for (const [section, sv] of Object.entries(raw)) {
    if (!isObj(sv)) {
      out[section] = blank(sv) ? sv : readFigure(pass, section, sv);
      continue;
    }
    const sec: Obj = {};
    for (const [k, v] of Object.entries(sv)) {
      const key = `${section}.${k}`;
      if (key === 'budget.quarterly') {
        const q = quarterly(pass, v);
        if (q !== undefined) sec[k] = q;
      } else if (isObj(v)) {
        const part: Obj = {};
        for (const [pk, pv] of Object.entries(v)) part[pk] = readFigure(pass, `${key}.${pk}`, pv);
        sec[k] = part;
      } else sec[k] = readFigure(pass, key, v);
    }
    out[section] = sec;
  }
  return out;
}

function readFigure(pass: Pass, key: string, v: unknown): unknown {
  if (blank(v)) return v;
  const f = (FIGURE_FIELDS as Record<string, { domain: Domain } | undefined>)[key as FigureKey];
  return f ? readIn(pass, v, ['figures', ...key.split('.')], f.domain) : v;
}

/** 季度末累计支出进度: four numbers or none; a row half typed is left out of the score with a 提示. */
function quarterly(pass: Pass, v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  const path = ['figures', 'budget', 'quarterly'];
  const read = v.map((x, i) => (blank(x) ? undefined : readIn(pass, x, [...path, i], 'percent')));
  const filled = read.filter((x) => typeof x === 'number');
  if (filled.length === 0) return undefined;
  if (filled.length < 4 || v.length !== 4) {
    issue(pass, path, `已填写${filled.length}个季度，四个季度都填写后才计入计分`, 'warning');
    return undefined;
  }
  for (let i = 1; i < 4; i++) {
    if ((read[i] as number) < (read[i - 1] as number)) issue(pass, [...path, i], '累计进度不应低于上一季度', 'warning');
  }
  return read;
}

function tasks(pass: Pass, raw: unknown[]): unknown[] {
  const out: unknown[] = [];
  raw.forEach((t, i) => {
    if (t === null || (isObj(t) && Object.keys(t).length === 0)) return; // an empty row the form keeps
    if (!isObj(t)) {
      out.push(t);
      return;
    }
    const row: Obj = { ...t };
    for (const [k, f] of Object.entries(TASK_FIELDS)) {
      if (!blank(t[k])) row[k] = readIn(pass, t[k], ['tasks', i, k], f.domain);
    }
    if (!(typeof t.name === 'string' && t.name.trim())) issue(pass, ['tasks', i, 'name'], '请填写任务名称');
    out.push(row);
  });
  return out;
}

function input(pass: Pass, raw: Obj, path: Array<string | number>): Obj {
  const out: Obj = { ...raw };
  for (const k of ['claimed', 'judged', 'value', 'count'] as const) {
    if (!blank(raw[k])) out[k] = readPlain(pass, raw[k], [...path, k], k === 'count' ? 'count' : 'plain');
  }
  if (Array.isArray(raw.quarters)) {
    const q = raw.quarters.map((x, i) => (blank(x) ? undefined : readIn(pass, x, [...path, 'quarters', i], 'percent')));
    if (q.some((x) => x === undefined) || q.length !== 4) delete out.quarters;
    else out.quarters = q;
  }
  if (isObj(raw.parts)) {
    const parts: Obj = {};
    for (const [name, p] of Object.entries(raw.parts))
      parts[name] = isObj(p) ? input(pass, p, [...path, 'parts', name]) : p;
    out.parts = parts;
  }
  return out;
}

/** The normalised copy of a raw document (an object), and the problems found on the way. */
export function normaliseDocument(raw: Obj, pass: Pass): Obj {
  const doc: Obj = { ...raw };
  if (isObj(raw.figures)) doc.figures = figures(pass, raw.figures);
  if (Array.isArray(raw.tasks)) {
    const t = tasks(pass, raw.tasks);
    if (t.length) doc.tasks = t;
    else delete doc.tasks;
  }
  if (isObj(raw.indicators)) {
    const inds: Obj = {};
    for (const [k, v] of Object.entries(raw.indicators)) inds[k] = isObj(v) ? input(pass, v, ['indicators', k]) : v;
    doc.indicators = inds;
  }
  if (isObj(raw.claimed) && !blank(raw.claimed.total)) {
    doc.claimed = { ...raw.claimed, total: readPlain(pass, raw.claimed.total, ['claimed', 'total']) };
  }
  return doc;
}
