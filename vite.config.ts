import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

/** The web UI: src/web → dist/web, served by `storyline serve` at `/`. Everything bundled, no CDN. */
export default defineConfig(({ command }) => ({
  // Relative to this file, so builds work from any working directory.
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  base: './',
  // Devtools only for `npx vite` (dev server), also when a build runs under NODE_ENV=test.
  plugins: [preact({ devToolsEnabled: command === 'serve' })],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // `npx vite` for UI work: proxy the API to a running `storyline serve`.
    proxy: { '/api': 'http://127.0.0.1:4317' },
  },
}));
