import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The package root, both from src/ (tsx) and from dist/ (compiled): two levels up. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FRAMEWORKS_DIR = path.join(PACKAGE_ROOT, 'frameworks');

/** The package's version, read once from package.json: the CLI's --version, /api/health, the OpenAPI description. */
export const PACKAGE_VERSION: string = (
  JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
