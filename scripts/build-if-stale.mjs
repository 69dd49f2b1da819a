// `npm start`'s build step: rebuild the server and the web app only when a source is newer than the last build.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.build-stamp');
// Everything `npm run build` reads: the sources, the built-in frameworks (pre-parsed into dist/frameworks.json),
// the build scripts and their settings.
const inputs = [
  'src',
  'web',
  'frameworks',
  'scripts/build-cli.mjs',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
];

function newest(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of readdirSync(p)) m = Math.max(m, newest(path.join(p, e)));
  return m;
}

const built =
  existsSync(stamp) && existsSync(path.join(root, 'dist', 'web', 'index.html')) ? statSync(stamp).mtimeMs : 0;
const changed = Math.max(...inputs.map((i) => newest(path.join(root, i))));
if (built >= changed && process.argv[2] !== '--force') process.exit(0);
// The build itself writes dist/.build-stamp when it succeeds.
execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
