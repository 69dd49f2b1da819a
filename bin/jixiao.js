#!/usr/bin/env node
// The bundled start (dist/bin, made by `npm run build`), or the compiled modules when only tsc has run.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/bin/main.js', import.meta.url);
await import(existsSync(bundle) ? bundle.href : '../dist/cli/main.js');
