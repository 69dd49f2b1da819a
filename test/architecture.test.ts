// The layers of docs/architecture.md, checked on the import graph of src/ and web/src/: downward only, a pure core, no cycles.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';
import { PACKAGE_ROOT } from '../src/load/paths.js';

interface Edge {
  to: string;
  /** `import type` / `export type` / `import('…')` in a type: erased, never loaded. */
  typeOnly: boolean;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** A specifier of ours as a file of the repository (relative, or web's `@core/*`); undefined for a package. */
function resolve(spec: string, from: string): string | undefined {
  let base: string;
  if (spec.startsWith('@core/')) base = path.join(PACKAGE_ROOT, 'src', 'core', spec.slice('@core/'.length));
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
  else return undefined;
  const stem = base.replace(/\.js$/, '');
  for (const c of [`${stem}.ts`, `${stem}.tsx`, path.join(stem, 'index.ts'), base]) if (existsSync(c)) return c;
  throw new Error(`${rel(from)}: cannot resolve '${spec}'`);
}

const rel = (f: string) => path.relative(PACKAGE_ROOT, f).split(path.sep).join('/');

function importsOf(file: string): Edge[] {
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Edge[] = [];
  const add = (spec: string, typeOnly: boolean) => {
    const to = resolve(spec, file);
    if (to) out.push({ to, typeOnly });
  };
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
      const c = n.importClause;
      const named = c?.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : undefined;
      const typeOnly = !!c && (c.isTypeOnly || (!c.name && !!named?.length && named.every((e) => e.isTypeOnly)));
      add(n.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      add(n.moduleSpecifier.text, n.isTypeOnly);
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) {
      add(n.argument.literal.text, true);
    } else if (
      ts.isCallExpression(n) &&
      n.expression.kind === ts.SyntaxKind.ImportKeyword &&
      n.arguments[0] &&
      ts.isStringLiteral(n.arguments[0])
    ) {
      add(n.arguments[0].text, false);
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out;
}

const FILES = [...sources(path.join(PACKAGE_ROOT, 'src')), ...sources(path.join(PACKAGE_ROOT, 'web', 'src'))];
const GRAPH = new Map(FILES.map((f) => [f, importsOf(f)]));

/** The layers, lowest first; a module may import its own module and the layers below. */
const LAYERS: ReadonlyArray<readonly string[]> = [
  ['src/core'],
  ['src/load', 'src/reports'],
  ['src/importers', 'src/db'],
  ['src/server'],
  ['src/cli', 'web/src'],
];
function placeOf(file: string): { layer: number; module: string } {
  const r = rel(file);
  for (const [layer, modules] of LAYERS.entries())
    for (const module of modules) if (r.startsWith(`${module}/`)) return { layer, module };
  throw new Error(`${r}: in no layer of docs/architecture.md`);
}

describe('architecture: the import graph of src/ and web/src/', () => {
  test('the graph was read: every layer has files and imports', () => {
    assert.ok(FILES.length > 300, `only ${FILES.length} files`);
    for (const modules of LAYERS)
      for (const m of modules)
        assert.ok(
          FILES.some((f) => rel(f).startsWith(`${m}/`)),
          `no files in ${m}`,
        );
    assert.ok([...GRAPH.values()].flat().length > 1000);
  });

  test('every import goes down the layers (or stays in its own module); the web reads the server for types only', () => {
    const wrong: string[] = [];
    for (const [from, edges] of GRAPH) {
      const a = placeOf(from);
      for (const e of edges) {
        const b = placeOf(e.to);
        if (a.module === b.module || b.layer < a.layer) continue;
        // The web app imports the server's contracts as types: erased, nothing of the server is bundled.
        const contract = /^src\/server\/(contract\.ts|resources\/[^/]+\/contract\.ts)$/.test(rel(e.to));
        if (a.module === 'web/src' && e.typeOnly && contract) continue;
        wrong.push(`${rel(from)} → ${rel(e.to)}${e.typeOnly ? ' (type)' : ''}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('the web app loads only itself and the core', () => {
    const wrong = [...GRAPH]
      .filter(([f]) => rel(f).startsWith('web/src/'))
      .flatMap(([f, edges]) =>
        edges
          .filter((e) => !e.typeOnly && !/^(web\/src|src\/core)\//.test(rel(e.to)))
          .map((e) => `${rel(f)} → ${rel(e.to)}`),
      );
    assert.deepEqual(wrong, []);
  });

  test('the core is pure: no Node built-ins, no I/O', () => {
    const wrong: string[] = [];
    for (const f of FILES.filter((x) => rel(x).startsWith('src/core/'))) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/from '(node:[^']+|fs|path|child_process|os|net|http)'/g))
        wrong.push(`${rel(f)}: ${m[1]}`);
    }
    assert.deepEqual(wrong, []);
  });

  test('no import cycles among the modules that are loaded (type-only imports are erased)', () => {
    // Tarjan's strongly connected components over the runtime edges.
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    let next = 0;
    const visit = (v: string): void => {
      index.set(v, next);
      low.set(v, next++);
      stack.push(v);
      onStack.add(v);
      for (const { to, typeOnly } of GRAPH.get(v) ?? []) {
        if (typeOnly) continue;
        if (!index.has(to)) {
          visit(to);
          low.set(v, Math.min(low.get(v)!, low.get(to)!));
        } else if (onStack.has(to)) low.set(v, Math.min(low.get(v)!, index.get(to)!));
      }
      if (low.get(v) === index.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(rel(w));
        } while (w !== v);
        if (scc.length > 1 || (GRAPH.get(v) ?? []).some((e) => e.to === v && !e.typeOnly)) cycles.push(scc.sort());
      }
    };
    for (const f of FILES) if (!index.has(f)) visit(f);
    assert.deepEqual(cycles, []);
  });
});
