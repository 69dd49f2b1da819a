import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The package root, both from src/ (tsx) and from dist/ (compiled): two levels up. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FRAMEWORKS_DIR = path.join(PACKAGE_ROOT, 'frameworks');
