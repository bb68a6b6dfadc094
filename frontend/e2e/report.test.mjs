// `cairn convert NB.cairn.md NB.html` makes a report that works offline: opened from file://
// in Chromium with every non-file request refused, its charts (saved ECharts options, drawn by
// the ECharts inlined in the page) paint their canvases, and nothing asks for the network, not
// even an HTML output that links an image on another host (the page's policy stops it). The
// charts of the .ipynb export draw too, in a page that has an AMD loader as Jupyter's has.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { browse, cairn, poll } from './harness.mjs';

const charts = {
  bar: { xAxis: { type: 'category', data: ['a', 'b', 'c'] }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: [3, 1, 2] }] },
  line: { xAxis: { type: 'category', data: ['mon', 'tue', 'wed'] }, yAxis: { type: 'value' }, series: [{ type: 'line', data: [1, 4, 2] }] },
  scatter: { xAxis: {}, yAxis: {}, series: [{ type: 'scatter', symbolSize: 12, data: [[1, 2], [2, 3], [3, 1]] }] },
  pie: { series: [{ type: 'pie', data: [{ name: 'x', value: 2 }, { name: 'y', value: 3 }] }] },
};

function notebookText() {
  let text = '---\ntitle: Offline report\n---\n\n<!-- cell id=intro -->\n# Charts\n\nSee [the site](https://example.com/).\n';
  for (const [id, option] of Object.entries(charts)) {
    const json = JSON.stringify({ ...option, animation: false });
    text += `\n\`\`\`go id=${id}\nchart\n\`\`\`\n\n\`\`\`output display mime=application/vnd.cairn.echarts+json\n${json}\n\`\`\`\n`;
  }
  text += '\n```go id=html\nhtml\n```\n\n```output display mime=text/html\n<p id="inner">Hello <img src="https://example.com/x.png"></p>\n```\n';
  return text;
}

let dir, b, url;

before(async () => {
  if (!existsSync(cairn)) throw new Error(`${cairn} is missing: run \`make build\` first`);
  dir = mkdtempSync(join(tmpdir(), 'cairn-report-'));
  writeFileSync(join(dir, 'nb.cairn.md'), notebookText());
  const html = join(dir, 'nb.html');
  const res = spawnSync(cairn, ['convert', join(dir, 'nb.cairn.md'), html], { encoding: 'utf8' });
  assert.equal(res.status, 0, `cairn convert failed: ${res.stderr}`);
  assert.ok(readFileSync(html, 'utf8').length > 1_000_000, 'the report should inline ECharts');
  url = pathToFileURL(html).href;
  b = await browse(); // refuses and records every request that is not loopback
  await b.page.route(
    (u) => u.protocol === 'file:',
    (route) => route.continue(),
  );
});
after(async () => {
  await b?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** painted counts the non-transparent pixels of each chart's canvas. */
function painted(page, selector = '.output.chart canvas') {
  return page.$$eval(selector, (cs) =>
    cs.map((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++;
      return n;
    }),
  );
}

test('the report draws every chart from file:// without any request', async () => {
  const { page } = b;
  await page.goto(url);
  assert.equal(await page.title(), 'Offline report');
  await poll(async () => (await page.locator('.output.chart canvas').count()) === 4, 'four chart canvases');
  const counts = await poll(async () => {
    const n = await painted(page);
    return n.length === 4 && n.every((x) => x > 200) && n;
  }, 'every canvas painted');
  assert.equal(counts.length, 4);
  // The sandboxed HTML output is shown, its image refused by the page's policy, not fetched.
  const inner = await page.frameLocator('iframe.output.html').locator('#inner').textContent();
  assert.equal(inner.trim(), 'Hello');
  assert.deepEqual(b.offsite, [], 'requests left the page');
  assert.deepEqual(b.errors, [], 'page errors');
});

test('hide code toggles the source and dark mode redraws the charts', async () => {
  const { page } = b;
  await page.goto(url);
  const source = page.locator('#cell-bar .source');
  assert.equal(await source.isVisible(), true);
  await page.getByLabel('Hide code').check();
  assert.equal(await source.isVisible(), false);
  assert.equal(await page.locator('#cell-bar .output.chart').isVisible(), true, 'outputs stay');

  await page.emulateMedia({ colorScheme: 'dark' });
  await poll(async () => (await page.evaluate(() => getComputedStyle(document.body).backgroundColor)) === 'rgb(13, 17, 23)', 'dark page');
  await poll(async () => {
    const n = await painted(page);
    return n.length === 4 && n.every((x) => x > 200);
  }, 'charts redrawn in dark mode');
  assert.deepEqual(b.offsite, []);
  assert.deepEqual(b.errors, []);
});

test('the .ipynb chart outputs draw in a page with an AMD loader, ECharts loaded once', async () => {
  const ipynb = join(dir, 'nb.ipynb');
  const res = spawnSync(cairn, ['convert', join(dir, 'nb.cairn.md'), ipynb], { encoding: 'utf8' });
  assert.equal(res.status, 0, `cairn convert failed: ${res.stderr}`);
  const outputs = JSON.parse(readFileSync(ipynb, 'utf8'))
    .cells.flatMap((c) => c.outputs ?? [])
    .filter((o) => o.data?.['application/vnd.cairn.echarts+json']);
  assert.equal(outputs.length, 4);
  const htmls = outputs.map((o) => o.data['text/html'].join(''));
  assert.ok(htmls[0].length > 1_000_000 && htmls.slice(1).every((h) => h.length < 5000), 'ECharts only in the first chart');
  // RequireJS's define refuses anonymous modules outside its loader, as in classic Jupyter.
  const amd = '<script>window.define = function () { throw new Error("Mismatched anonymous define()"); }; define.amd = {};</script>';
  const page = join(dir, 'jupyter.html');
  writeFileSync(page, `<!doctype html><html><body>${amd}${htmls.map((h) => `<div class="output">${h}</div>`).join('')}</body></html>`);
  await b.page.goto(pathToFileURL(page).href);
  await poll(async () => {
    const n = await painted(b.page, '.output canvas');
    return n.length === 4 && n.every((x) => x > 200);
  }, 'four ipynb charts painted');
  assert.equal(await b.page.evaluate(() => typeof window.echarts.init), 'function');
  assert.deepEqual(b.offsite, []);
  assert.deepEqual(b.errors, []);
});
