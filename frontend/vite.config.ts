import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';

// Libraries put documentation links in their error messages. Nothing fetches them, but the
// bundle is kept free of external URLs (frontend/embed_test.go checks), so they lose the scheme.
const noDocLinks: Plugin = {
  name: 'cairn-no-doc-links',
  renderChunk: (code) => code.replace(/https?:\/\/(svelte\.dev|github\.com)\//g, '$1/'),
};

// The whole ECharts bundle as dist/vendor/echarts.min.js, for what runs outside this page: the
// HTML reports and ipynb charts of `cairn convert` inline it from the binary (app/convert).
// Its license comments' URLs lose their scheme like the doc links above.
const echartsFile: Plugin = {
  name: 'cairn-echarts-file',
  async generateBundle() {
    const file = await this.resolve('echarts/dist/echarts.min.js');
    if (!file) return this.error('echarts/dist/echarts.min.js is missing: run npm ci');
    const text = await this.fs.readFile(file.id, { encoding: 'utf8' });
    const source = text.replace(/https?:\/\/(github\.com|www\.apache\.org)\//g, '$1/');
    this.emitFile({ type: 'asset', fileName: 'vendor/echarts.min.js', source });
  },
};

// Relative asset paths: the same dist/ is served by `cairn serve` and by the Wails AssetServer.
export default defineConfig({
  base: './',
  plugins: [svelte(), noDocLinks, echartsFile],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  test: { environment: 'jsdom', include: ['src/**/*.test.ts'] },
});
