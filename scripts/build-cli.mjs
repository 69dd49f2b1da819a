// `npm run build`'s CLI step, after tsc: the built-in frameworks pre-parsed (dist/frameworks.json) and
// the start of the command line bundled into dist/bin/ (docs/performance.md, "A CLI that starts like node").
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

const { writePrebuilt } = await import(pathToFileURL(path.join(dist, 'load', 'prebuilt.js')).href);
writePrebuilt();

/**
 * A few files for `jixiao`, `score` and `framework(s)`: the dispatcher, then the score commands with
 * the core and the libraries they use (zod, yaml, decimal.js), so that start-up resolves a few
 * modules, not a few hundred. The other command groups stay the compiled modules of dist/ (they find
 * files next to themselves through import.meta.url; the server's libraries share their zod), imported
 * from there only when one of their commands runs; they never exchange a schema or an object with the
 * bundled copy of the core (the dispatcher knows an InputError by its name).
 */
const INLINE = new Set(['yaml', 'decimal.js', 'zod']);
const SEPARATE = ['server-commands', 'report-command', 'import-audit-commands', 'cycle-commands'];
// Chunk names carry a hash: last build's files are removed, not left beside the new ones.
rmSync(path.join(dist, 'bin'), { recursive: true, force: true });
await build({
  entryPoints: [path.join(dist, 'cli', 'main.js')],
  outdir: path.join(dist, 'bin'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // yaml's node build is CommonJS and requires node's modules: give the bundle a require.
  banner: {
    js: "import { createRequire as __jixiaoRequire } from 'node:module'; const require = __jixiaoRequire(import.meta.url);",
  },
  plugins: [
    {
      name: 'jixiao-cli',
      setup(b) {
        b.onResolve({ filter: /^\.\/[a-z-]+\.js$/ }, (a) => {
          const name = a.path.slice(2, -3);
          if (a.importer.endsWith(path.join('cli', 'main.js')) && SEPARATE.includes(name))
            return { path: `../cli/${name}.js`, external: true };
          return undefined;
        });
        // zod's other languages (z.locales, which Jixiao never reads: its messages are its own Chinese, src/core/check/zod-messages.ts).
        b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (a) =>
          a.importer.includes(`${path.sep}zod${path.sep}`)
            ? { path: 'zod-locales', namespace: 'jixiao-empty' }
            : undefined,
        );
        b.onLoad({ filter: /.*/, namespace: 'jixiao-empty' }, () => ({ contents: 'export {};', loader: 'js' }));
        b.onResolve({ filter: /^[^./]/ }, (a) => {
          const name = a.path.startsWith('@') ? a.path.split('/').slice(0, 2).join('/') : a.path.split('/')[0];
          return INLINE.has(name) ? undefined : { path: a.path, external: true };
        });
      },
    },
  ],
});
