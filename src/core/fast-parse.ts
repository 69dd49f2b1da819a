/**
 * @module A zod schema compiled once into plain checks, for inputs that are valid (the common case):
 * `fastSafeParse(schema, data)` gives exactly what `schema.safeParse(data)` gives — the same output,
 * key for key and in the same order — and asks zod itself whenever the input is not accepted, so every
 * error (message, path) is zod's own. Only the schema kinds and checks whose meaning is written out
 * below are compiled; any other node (a transform, a refinement, an option not listed) is parsed by
 * zod where it sits. The compiled checks never accept what zod refuses: when unsure, they refuse and
 * zod answers for the whole input.
 */
import { z } from 'zod';

const FAIL: unique symbol = Symbol('fail');
type Fn = (v: unknown) => unknown;

interface Internals {
  def: Record<string, unknown> & { type: string; checks?: Array<{ _zod: { def: Record<string, unknown> } }> };
  traits: Set<string>;
  optin?: string;
  optout?: string;
  innerType?: z.ZodType;
}
const zodOf = (s: z.ZodType) => (s as unknown as { _zod: Internals })._zod;

let compiled = new WeakMap<z.ZodType, Fn>();
/** Whether objects' checks may be generated functions (else closures: a page whose CSP forbids eval). */
let generate = true;

/** A node zod parses itself: used where a kind or an option is not compiled below. */
const byZod =
  (schema: z.ZodType): Fn =>
  (v) => {
    const r = schema.safeParse(v);
    return r.success ? r.data : FAIL;
  };

/** The def's keys must be among these (an option not listed means a meaning not written out here). */
const only = (def: Record<string, unknown>, keys: string[]) =>
  Object.keys(def).every((k) => keys.includes(k) || k === 'error');

/** `when` guards zod adds to length checks itself (skip the check when the value has no length). */
const plainWhen = (w: unknown) => w === undefined || (typeof w === 'function' && w.name === '_whenHasLength');

function numberCheck(c: Record<string, unknown>): ((n: number) => boolean) | undefined {
  if (c.when !== undefined) return undefined;
  if (c.check === 'greater_than' && typeof c.value === 'number' && only(c, ['check', 'value', 'inclusive', 'abort']))
    return c.inclusive ? (n) => n >= (c.value as number) : (n) => n > (c.value as number);
  if (c.check === 'less_than' && typeof c.value === 'number' && only(c, ['check', 'value', 'inclusive', 'abort']))
    return c.inclusive ? (n) => n <= (c.value as number) : (n) => n < (c.value as number);
  if (c.check === 'number_format' && c.format === 'safeint' && only(c, ['check', 'format', 'type', 'abort']))
    return Number.isSafeInteger;
  return undefined;
}

function lengthCheck(c: Record<string, unknown>): ((n: number) => boolean) | undefined {
  if (!plainWhen(c.when) || !only(c, ['check', 'minimum', 'maximum', 'length', 'when', 'abort'])) return undefined;
  if (c.check === 'min_length' && typeof c.minimum === 'number') return (n) => n >= (c.minimum as number);
  if (c.check === 'max_length' && typeof c.maximum === 'number') return (n) => n <= (c.maximum as number);
  if (c.check === 'length_equals' && typeof c.length === 'number') return (n) => n === c.length;
  return undefined;
}

function checksOf<T>(zod: Internals, one: (c: Record<string, unknown>) => T | undefined): T[] | undefined {
  const out: T[] = [];
  for (const c of zod.def.checks ?? []) {
    const f = one(c._zod.def);
    if (!f) return undefined;
    out.push(f);
  }
  return out;
}

function all(checks: Array<(n: number) => boolean>, n: number): boolean {
  for (const c of checks) if (!c(n)) return false;
  return true;
}

const isPlain = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v) as unknown;
  return p === Object.prototype || p === null;
};

interface Field {
  key: string;
  mode: 'required' | 'optional' | 'default';
  fn: Fn;
  schema: z.ZodType;
}

function field(key: string, s: z.ZodType): Field | undefined {
  const zod = zodOf(s);
  const def = zod.def;
  if (def.type === 'optional' && zod.traits.has('$ZodOptional') && !zod.traits.has('$ZodExactOptional')) {
    const inner = def.innerType as z.ZodType;
    if (zodOf(inner).optin !== undefined || !only(def, ['type', 'innerType'])) return undefined;
    return { key, mode: 'optional', fn: compile(inner), schema: s };
  }
  if (def.type === 'default' && only(def, ['type', 'innerType', 'defaultValue'])) {
    const inner = def.innerType as z.ZodType;
    if (zodOf(inner).optin !== undefined) return undefined;
    return { key, mode: 'default', fn: compile(inner), schema: s };
  }
  if (zod.optin !== undefined || zod.optout !== undefined) return undefined;
  return { key, mode: 'required', fn: compile(s), schema: s };
}

function objectFn(schema: z.ZodType, zod: Internals): Fn | undefined {
  const def = zod.def as Internals['def'] & { shape: Record<string, z.ZodType>; catchall?: z.ZodType };
  if (!only(def, ['type', 'shape', 'catchall', 'checks']) || def.checks?.length) return undefined;
  const strict = def.catchall !== undefined && zodOf(def.catchall).def.type === 'never';
  if (def.catchall !== undefined && !strict) return undefined;
  if (Object.getOwnPropertySymbols(def.shape).length) return undefined;
  const keys = Object.keys(def.shape);
  if (keys.includes('__proto__')) return undefined;
  const fields: Field[] = [];
  for (const k of keys) {
    const f = field(k, def.shape[k]!);
    if (!f) return undefined;
    fields.push(f);
  }
  const known = new Set(keys);
  void schema;
  return generated(fields, strict, known) ?? interpreted(fields, strict, known);
}

/**
 * The object's checks written out as one function (each key a constant, as zod's own fast path
 * does), where the platform allows making functions from text; else undefined.
 */
function generated(fields: Field[], strict: boolean, known: Set<string>): Fn | undefined {
  // zod's own answer to whether functions may be made from text here (a page's CSP forbids it): asked once, by zod.
  if (!generate || z.core.globalConfig.jitless || !z.core.util.allowsEval.value) return undefined;
  const lines = [
    'if (!isPlain(v)) return FAIL;',
    `for (const k in v) if (k === '__proto__'${strict ? ' || !known.has(k)' : ''}) return FAIL;`,
    'const out = {};',
    'let x, r;',
  ];
  fields.forEach((f, i) => {
    const k = JSON.stringify(f.key);
    lines.push(`x = v[${k}];`);
    if (f.mode === 'optional')
      lines.push(
        `if (x !== undefined) { r = fns[${i}](x); if (r === FAIL) return FAIL; out[${k}] = r; } else if (${k} in v) out[${k}] = undefined;`,
      );
    else if (f.mode === 'default')
      lines.push(
        `if (x === undefined) out[${k}] = dflt(${i}); else { r = fns[${i}](x); if (r === FAIL) return FAIL; out[${k}] = r === undefined ? dflt(${i}) : r; }`,
      );
    else
      lines.push(
        `if (x === undefined && !(${k} in v)) return FAIL; r = fns[${i}](x); if (r === FAIL) return FAIL; out[${k}] = r;`,
      );
  });
  lines.push('return out;');
  const dflt = (i: number) => zodOf(fields[i]!.schema).def.defaultValue;
  try {
    // The text is built above from the schema's own keys, each quoted by JSON.stringify.
    const make = new Function('isPlain', 'FAIL', 'known', 'fns', 'dflt', `return (v) => {\n${lines.join('\n')}\n};`);
    return make(
      isPlain,
      FAIL,
      known,
      fields.map((f) => f.fn),
      dflt,
    ) as Fn;
  } catch {
    return undefined;
  }
}

function interpreted(fields: Field[], strict: boolean, known: Set<string>): Fn {
  return (v) => {
    if (!isPlain(v)) return FAIL;
    for (const k in v) if (k === '__proto__' || (strict && !known.has(k))) return FAIL;
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      // zod reads input[key] and tests `key in input`; the test is needed only when the read is undefined.
      const x = v[f.key];
      const present = x !== undefined || f.key in v;
      if (f.mode === 'optional') {
        if (!present) continue;
        if (x === undefined) {
          out[f.key] = undefined;
          continue;
        }
      } else if (f.mode === 'default') {
        if (x === undefined) {
          out[f.key] = zodOf(f.schema).def.defaultValue;
          continue;
        }
      } else if (!present) return FAIL;
      const r = f.fn(x);
      if (r === FAIL) return FAIL;
      if (r === undefined && f.mode === 'default') {
        out[f.key] = zodOf(f.schema).def.defaultValue;
        continue;
      }
      out[f.key] = r;
    }
    return out;
  };
}

function build(schema: z.ZodType): Fn | undefined {
  const zod = zodOf(schema);
  const def = zod.def;
  switch (def.type) {
    case 'string': {
      if (!only(def, ['type', 'checks']) || !zod.traits.has('$ZodString')) return undefined;
      const checks = checksOf(zod, lengthCheck);
      if (!checks) return undefined;
      if (!checks.length) return (v) => (typeof v === 'string' ? v : FAIL);
      return (v) => (typeof v === 'string' && all(checks, v.length) ? v : FAIL);
    }
    case 'number': {
      if (!only(def, ['type', 'checks']) || !zod.traits.has('$ZodNumber')) return undefined;
      const checks = checksOf(zod, numberCheck);
      if (!checks) return undefined;
      if (!checks.length) return (v) => (typeof v === 'number' && Number.isFinite(v) ? v : FAIL);
      return (v) => (typeof v === 'number' && Number.isFinite(v) && all(checks, v) ? v : FAIL);
    }
    case 'boolean':
      if (!only(def, ['type']) || !zod.traits.has('$ZodBoolean')) return undefined;
      return (v) => (typeof v === 'boolean' ? v : FAIL);
    case 'array': {
      if (!only(def, ['type', 'element', 'checks'])) return undefined;
      const checks = checksOf(zod, lengthCheck);
      if (!checks) return undefined;
      const el = compile(def.element as z.ZodType);
      return (v) => {
        if (!Array.isArray(v) || !all(checks, v.length)) return FAIL;
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) {
          const r = el(v[i]);
          if (r === FAIL) return FAIL;
          out[i] = r;
        }
        return out;
      };
    }
    case 'object':
      return objectFn(schema, zod);
    case 'record': {
      if (!only(def, ['type', 'keyType', 'valueType', 'checks']) || def.checks?.length) return undefined;
      const key = zodOf(def.keyType as z.ZodType);
      // Only a plain string key: every own string key is accepted as it is.
      if (key.def.type !== 'string' || !only(key.def, ['type']) || key.def.checks?.length) return undefined;
      const val = compile(def.valueType as z.ZodType);
      return (v) => {
        if (!isPlain(v) || Object.getOwnPropertySymbols(v).length) return FAIL;
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(v)) {
          if (k === '__proto__') return FAIL;
          const r = val(v[k]);
          if (r === FAIL) return FAIL;
          out[k] = r;
        }
        return out;
      };
    }
    case 'union': {
      if (!only(def, ['type', 'options']) || !zod.traits.has('$ZodUnion')) return undefined;
      const options = (def.options as z.ZodType[]).map((o) => {
        const z = zodOf(o);
        return z.optin === undefined && z.optout === undefined ? compile(o) : undefined;
      });
      if (options.some((o) => !o)) return undefined;
      return (v) => {
        for (const o of options as Fn[]) {
          const r = o(v);
          if (r !== FAIL) return r;
        }
        return FAIL;
      };
    }
    case 'lazy': {
      if (!only(def, ['type', 'getter', '_cachedInner'])) return undefined;
      // zod keeps the getter's schema once made (innerType); compiled on first use, so recursion ends.
      let inner: Fn | undefined;
      return (v) => (inner ??= compile(zod.innerType!))(v);
    }
    case 'pipe': {
      // in, then out on its value (a transform), then the pipe's own refinements.
      if (!only(def, ['type', 'in', 'out', 'checks'])) return undefined;
      const refines: Array<(v: unknown) => unknown> = [];
      for (const c of def.checks ?? []) {
        const d = c._zod.def;
        if (d.check !== 'custom' || d.when !== undefined || typeof d.fn !== 'function') return undefined;
        if (!only(d, ['type', 'check', 'fn', 'abort', 'params', 'path'])) return undefined;
        refines.push(d.fn as (v: unknown) => unknown);
      }
      const first = compile(def.in as z.ZodType);
      const then = compile(def.out as z.ZodType);
      return (v) => {
        const a = first(v);
        if (a === FAIL) return FAIL;
        const b = then(a);
        if (b === FAIL) return FAIL;
        for (const f of refines) {
          const ok = f(b);
          if (!ok || ok instanceof Promise) return FAIL;
        }
        return b;
      };
    }
    case 'transform': {
      if (!only(def, ['type', 'transform'])) return undefined;
      type Payload = { value: unknown; issues: unknown[]; addIssue: (issue: unknown) => void };
      const transform = def.transform as (v: unknown, payload: Payload) => unknown;
      // zod hands the transform its payload, on which ctx.addIssue records a problem.
      return (v) => {
        const issues: unknown[] = [];
        const out = transform(v, { value: v, issues, addIssue: (issue) => issues.push(issue) });
        return issues.length || out instanceof Promise ? FAIL : out;
      };
    }
    case 'optional': {
      // Where an optional is not an object's field (an array's element, a union's option): undefined passes.
      const inner = def.innerType as z.ZodType;
      if (!only(def, ['type', 'innerType']) || zod.traits.has('$ZodExactOptional') || zodOf(inner).optin !== undefined)
        return undefined;
      const fn = compile(inner);
      return (v) => (v === undefined ? undefined : fn(v));
    }
    default:
      return undefined;
  }
}

function compile(schema: z.ZodType): Fn {
  const known = compiled.get(schema);
  if (known) return known;
  // A placeholder first, so a schema that reaches itself (a getter in its shape) finds its own entry.
  const slot: { fn?: Fn } = {};
  compiled.set(schema, (v) => slot.fn!(v));
  slot.fn = build(schema) ?? byZod(schema);
  compiled.set(schema, slot.fn);
  return slot.fn;
}

/** `schema.safeParse(data)`, with valid input checked by the compiled checks and anything else by zod. */
export function fastSafeParse<S extends z.ZodType>(schema: S, data: unknown): z.ZodSafeParseResult<z.output<S>> {
  const r = compile(schema)(data);
  if (r !== FAIL) return { success: true, data: r as z.output<S> } as z.ZodSafeParseResult<z.output<S>>;
  return schema.safeParse(data) as z.ZodSafeParseResult<z.output<S>>;
}

/** Which nodes of a schema zod parses itself (for the test that keeps the compiled part honest). */
export function isCompiled(schema: z.ZodType): boolean {
  return build(schema) !== undefined;
}

/** Compiles from now on with (default) or without generated functions, as where eval is forbidden: for the tests of both. */
export function useGeneratedChecks(on: boolean): void {
  generate = on;
  compiled = new WeakMap();
}
