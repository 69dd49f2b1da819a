import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app (issue 4). Sources in web/, output in dist/web/, served by `jixiao serve` at `/`.
 * `npm run dev:web` is not wired: run `npx vite --config web/vite.config.ts` next to
 * `jixiao serve --port 8787` and the dev server proxies /api there.
 */
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  resolve: {
    // The pure scoring core (src/core) is bundled as it is: live scores are by construction the server's.
    alias: { '@core': fileURLToPath(new URL('../src/core', import.meta.url)) },
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // The yaml package declares no `sideEffects`, so a core module that imports it for one helper
      // (src/core/input.ts) would bundle the whole parser into pages that never parse YAML; it has none.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]node_modules[\\/]yaml[\\/]/.test(id) },
    },
  },
  server: { proxy: { '/api': process.env.JIXIAO_API ?? 'http://127.0.0.1:8787' } },
});
