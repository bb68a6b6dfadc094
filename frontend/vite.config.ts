import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';

// Libraries put documentation links in their error messages. Nothing fetches them, but the
// bundle is kept free of external URLs (frontend/embed_test.go checks), so they lose the scheme.
const noDocLinks: Plugin = {
  name: 'cairn-no-doc-links',
  renderChunk: (code) => code.replace(/https?:\/\/(svelte\.dev|github\.com)\//g, '$1/'),
};

// Relative asset paths: the same dist/ is served by `cairn serve` and by the Wails AssetServer.
export default defineConfig({
  base: './',
  plugins: [svelte(), noDocLinks],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  test: { environment: 'jsdom', include: ['src/**/*.test.ts'] },
});
