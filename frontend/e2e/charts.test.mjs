// Charts in the browser against a real `cairn serve` and kernel: go-echarts charts drawn by
// the bundled ECharts (no request leaves loopback), resizing with the page, following the
// theme, shown again from the saved file without a run, and "chart this" on a table.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { browse, openNotebook, poll, serve } from './harness.mjs';

const fence = '```';
const imports = `import (\n\t"github.com/go-echarts/go-echarts/v2/charts"\n\t"github.com/go-echarts/go-echarts/v2/opts"\n)\n`;
const cells = {
  bar: `c := charts.NewBar()
c.SetXAxis([]string{"a", "b", "c"}).AddSeries("s", []opts.BarData{{Value: 3}, {Value: 5}, {Value: 2}})
c`,
  line: `c := charts.NewLine()
c.SetXAxis([]int{1, 2, 3, 4}).AddSeries("y", []opts.LineData{{Value: 1}, {Value: 4}, {Value: 2}, {Value: 5}})
c`,
  scatter: `c := charts.NewScatter()
c.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "value"}))
c.AddSeries("p", []opts.ScatterData{{Value: []any{1, 2}}, {Value: []any{2, 5}}, {Value: []any{3, 1}}})
c`,
  pie: `c := charts.NewPie()
c.AddSeries("share", []opts.PieData{{Name: "x", Value: 1}, {Name: "y", Value: 2}, {Name: "z", Value: 3}})
c`,
  heatmap: `c := charts.NewHeatMap()
c.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: []string{"m", "n"}}),
	charts.WithVisualMapOpts(opts.VisualMap{Min: 0, Max: 4, InRange: &opts.VisualMapInRange{Color: []string{"#2060c0", "#e04040"}}}))
c.SetXAxis([]string{"a", "b"}).AddSeries("h", []opts.HeatMapData{{Value: [3]int{0, 0, 1}}, {Value: [3]int{0, 1, 2}}, {Value: [3]int{1, 0, 3}}, {Value: [3]int{1, 1, 4}}})
c`,
  boxplot: `c := charts.NewBoxPlot()
c.SetXAxis([]string{"a", "b"}).AddSeries("b", []opts.BoxPlotData{{Value: []float64{1, 2, 3, 4, 5}}, {Value: []float64{2, 3, 5, 6, 9}}})
c`,
  graph: `c := charts.NewGraph()
c.AddSeries("g", []opts.GraphNode{{Name: "a"}}, nil)
c`,
};
const goCells = Object.entries(cells).map(([id, code]) => `${fence}go id=${id}\n${imports}${code}\n${fence}\n`);
const notebook = `# Charts

${goCells.join('\n')}
${fence}go id=histogram
import "cairn/frame"

df, _ := frame.Query("select (i * 37 % 100)::double as v from range(500) t(i)")
df.Histogram("v", 0)
${fence}

${fence}sql id=data
create table points as select i as n, (i * 7) % 50 as score, ['x', 'y', 'z'][i % 3 + 1] as kind from range(200) t(i);
select * from points
${fence}
`;
const drawn = ['bar', 'line', 'scatter', 'pie', 'heatmap', 'boxplot', 'histogram'];

let srv, b, page;
const cell = (id) => page.locator(`[data-cell="${id}"]`);

/** colours counts the distinct pixel colours of a cell's chart canvas (0: no canvas). */
const colours = (id) =>
  cell(id)
    .locator('[data-chart] canvas')
    .first()
    .evaluate((c) => {
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      const seen = new Set();
      for (let i = 0; i < data.length; i += 4) seen.add((data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3]);
      return seen.size;
    })
    .catch(() => 0);
const pixels = (id) => cell(id).locator('[data-chart] canvas').first().evaluate((c) => c.toDataURL());
const width = (id) => cell(id).locator('[data-chart] canvas').first().evaluate((c) => c.getBoundingClientRect().width);

async function runAll() {
  for (const id of [...Object.keys(cells), 'histogram', 'data']) {
    await cell(id).getByRole('button', { name: 'Run cell' }).click();
    await poll(async () => ['done', 'error'].includes(await cell(id).getAttribute('data-state')), `${id} ran`, 30_000);
    assert.equal(await cell(id).getAttribute('data-state'), 'done', `cell ${id}`);
  }
}

before(async () => {
  ({ srv, b, page } = await openNotebook(notebook));
  await runAll();
});

after(async () => {
  await b?.stop();
  await srv?.stop();
});

test('bar, line, scatter, pie, heatmap, box plot and histogram draw non-empty canvases', async () => {
  for (const id of drawn) {
    await poll(async () => (await colours(id)) > 2, `${id} drawn`);
  }
  // ECharts cannot draw a graph here (not bundled): the output says so instead of a blank box.
  const alert = cell('graph').locator('[data-chart] [role=alert]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /unsupported series type graph/);
  assert.deepEqual(b.offsite, []);
  assert.deepEqual(b.errors, []);
});

test('a chart follows the width of the page', async () => {
  const before = await width('bar');
  await page.setViewportSize({ width: 800, height: 900 });
  await poll(async () => (await width('bar')) < before - 200, 'a narrower chart');
  await poll(async () => (await colours('bar')) > 2, 'redrawn after the resize');
  await page.setViewportSize({ width: 1200, height: 900 });
  await poll(async () => Math.abs((await width('bar')) - before) < 2, 'the wide chart again');
});

test('switching the theme draws the charts again in the dark theme', async () => {
  const chart = cell('line').locator('[data-chart]');
  const light = await pixels('line');
  const was = await chart.getAttribute('data-theme-drawn');
  await page.getByRole('button', { name: 'Toggle theme' }).click();
  await poll(async () => (await chart.getAttribute('data-theme-drawn')) !== was, 'the other theme');
  await poll(async () => (await colours('line')) > 2 && (await pixels('line')) !== light, 'redrawn in the other theme');
  await page.getByRole('button', { name: 'Toggle theme' }).click();
  await poll(async () => (await chart.getAttribute('data-theme-drawn')) === was, 'the first theme again');
});

test('"chart this" on a table inserts a Go cell that runs and shows a chart', async () => {
  const count = await page.locator('[data-cell]').count();
  await cell('data').getByRole('button', { name: 'Chart this' }).click();
  const menu = cell('data').getByRole('group', { name: 'Chart this table' });
  await menu.getByLabel('Chart kind').selectOption('bar');
  await menu.getByLabel('x column').selectOption('kind');
  await menu.getByLabel('Aggregate').selectOption('mean');
  await menu.getByLabel('y column').selectOption('score');
  await menu.getByRole('button', { name: 'Insert chart cell' }).click();
  await poll(async () => (await page.locator('[data-cell]').count()) === count + 1, 'a new cell');
  const added = page.locator('[data-cell]').nth(count); // the data cell was last
  const id = await added.getAttribute('data-cell');
  await poll(async () => (await added.getAttribute('data-state')) === 'done', 'the chart cell ran', 30_000);
  assert.match(await added.locator('.cm-content').innerText(), /chartData, err := frame\.Query\("select \* from points"\)[\s\S]*chartData\.Bar\("kind", "score", "mean"\)/);
  await poll(async () => (await colours(id)) > 2, 'its chart drawn');
});

test('saved charts and tables show again when the notebook is reopened, without a run', async () => {
  const saved = await page.evaluate(async () => (await fetch('api/save', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status);
  assert.ok(saved < 300, `save: HTTP ${saved}`);
  const text = readFileSync(srv.path, 'utf8');
  assert.match(text, /output result mime=application\/vnd\.cairn\.echarts\+json/);
  await b.stop();
  await srv.stop(); // removes its folder: the saved text is served anew
  srv = await serve(text);
  b = await browse();
  page = b.page;
  await page.goto(srv.url);
  await cell('data').waitFor();
  for (const id of drawn) {
    await poll(async () => (await colours(id)) > 2, `saved ${id} drawn`);
    assert.equal(await cell(id).getAttribute('data-state'), 'idle');
  }
  const table = cell('data').locator('[data-table]');
  assert.equal(await table.getAttribute('data-saved'), 'true');
  assert.equal(await table.locator('tbody tr').count(), 50);
  assert.equal(await table.locator('[data-range]').innerText(), 'rows 1–50 of 200');
  assert.ok(await table.getByRole('button', { name: 'Next page' }).isDisabled());
  await table.locator('thead th').first().getByRole('button').click();
  assert.match(await table.getByRole('alert').innerText(), /run the cell to page, sort and profile/);
  // The saved table carries the statement that made it, so "chart this" works without a run.
  assert.match(text, /"query":"select \* from points"/);
  assert.equal(await cell('data').getByRole('button', { name: 'Chart this' }).count(), 1);
  assert.deepEqual(b.offsite, []);
  assert.deepEqual(b.errors, []);
});
