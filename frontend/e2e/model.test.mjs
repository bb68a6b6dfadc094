// The model card in the browser against a real `cairn serve` and kernel: cells train a random
// forest on deterministic SQL data, add permutation importance and metrics per region, and show
// the model; the numbers on the page must be the ones in the card JSON the kernel sent (read
// back from the server's snapshot). Also a regression card, an unevaluated model, the dark
// theme, and the card shown again from the saved file without a run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { browse, openNotebook, poll, start } from './harness.mjs';

const MODEL_MIME = 'application/vnd.cairn.model+json';
const fence = '```';
const notebook = `# Models

${fence}go id=clf
import (
	"fmt"
	"cairn/frame"
	"cairn/ml"
	"cairn/ml/tree"
)
df, err := frame.Query(\`select (i * 37 % 101) / 10.0 as x1, (i * 53 % 97) / 10.0 as x2, (i * 17 % 89) / 10.0 as noise,
  ['north', 'south', 'east', 'west'][i % 4 + 1] as region,
  case when (i * 37 % 101) / 10.0 + (i * 53 % 97) / 10.0 + (i * 7919 % 13) / 2.0 > 13 then 'high'
       when (i * 37 % 101) / 10.0 + (i % 4) > 5 then 'mid' else 'low' end as label
  from range(600) t(i)\`)
if err != nil { panic(err) }
ds, err := df.Dataset("label")
if err != nil { panic(err) }
train, test, err := ds.Split(0.25, 7)
if err != nil { panic(err) }
m, err := ml.Fit(train, tree.ForestConfig{Trees: 20, MaxDepth: 6}, ml.FitOptions{Seed: 7})
if err != nil { panic(err) }
if _, err := m.Evaluate(test); err != nil { panic(err) }
if _, err := m.PermutationImportance(test, 3, 1); err != nil { panic(err) }
if _, err := m.EvaluateBy(test, test.Column("region")); err != nil { panic(err) }
fmt.Printf("test rows: %d\\n", test.Len())
m.Problem = "Which readings are high?"
m
${fence}

${fence}go id=reg
import "cairn/ml/linear"
rdf, err := frame.Query(\`select (i * 37 % 101) / 10.0 as a, (i * 53 % 97) / 10.0 as b, ['x', 'y'][i % 2 + 1] as kind,
  3 * (i * 37 % 101) / 10.0 - 2 * (i * 53 % 97) / 10.0 + (i * 7919 % 13) / 4.0 as y from range(400) t(i)\`)
if err != nil { panic(err) }
rds, err := rdf.Dataset("y")
if err != nil { panic(err) }
rtrain, rtest, err := rds.Split(0.25, 3)
if err != nil { panic(err) }
r, err := ml.Fit(rtrain, linear.Linear{}, ml.FitOptions{Seed: 3})
if err != nil { panic(err) }
r.Evaluate(rtest)
r.PermutationImportance(rtest, 2, 1)
r.EvaluateBy(rtest, rtest.Column("kind"))
r
${fence}

${fence}go id=bare
u, err := ml.Fit(train, tree.TreeConfig{MaxDepth: 3}, ml.FitOptions{Seed: 1})
if err != nil { panic(err) }
u
${fence}
`;

let srv, b, page;
const cell = (id) => page.locator(`[data-cell="${id}"]`);

/** sent reads the card JSON of a cell's output from the server's snapshot (what the kernel sent). */
async function sent(id) {
  const snap = await page.evaluate(() => fetch('api/notebook', { credentials: 'same-origin' }).then((r) => r.json()));
  const out = snap.cells.find((c) => c.id === id).outputs.find((o) => o.data?.[MODEL_MIME] !== undefined);
  const v = out.data[MODEL_MIME];
  return typeof v === 'string' ? JSON.parse(v) : v;
}

/** shows asserts that a shown number is v to the 4 significant digits the card writes. */
function shows(text, v, what) {
  const x = Number(text.replace(/,/g, ''));
  assert.ok(Number.isFinite(x), `${what}: "${text}" is not a number`);
  assert.ok(Math.abs(x - v) <= 5e-4 * Math.max(Math.abs(v), 1e-12) + 1e-12, `${what}: shows ${text}, the card says ${v}`);
}

before(async () => {
  ({ srv, b, page } = await openNotebook(notebook));
  await page.getByRole('button', { name: 'Run all', exact: true }).click();
  for (const id of ['clf', 'reg', 'bare']) await poll(async () => (await cell(id).getAttribute('data-state')) === 'done', `${id} done`, 60_000);
});

after(async () => {
  await b?.stop();
  await srv?.stop();
});

test('a classifier card shows the metrics, report and confusion counts the kernel sent', async () => {
  const card = await sent('clf');
  const ui = cell('clf').locator('[data-model-card]');
  await ui.waitFor();
  assert.match(await ui.locator('header').innerText(), /random_forest[\s\S]*classification of label[\s\S]*classes: high, low, mid[\s\S]*449 training rows/);
  for (const k of ['accuracy', 'auc', 'log_loss']) {
    const el = ui.locator(`[data-metric="${k}"]`);
    assert.equal(await el.getAttribute('title'), String(card.metrics[k]), `${k} exact in the title`);
    shows(await el.innerText(), card.metrics[k], k);
  }
  // the confusion grid: every count as sent, summing to the test rows the cell printed
  const testRows = Number((await cell('clf').innerText()).match(/test rows: (\d+)/)[1]);
  assert.equal(card.metrics.rows, testRows);
  let sum = 0;
  for (const [t, tl] of card.classes.entries()) {
    for (const [p, pl] of card.classes.entries()) {
      const n = Number(await ui.locator(`[data-confusion] [data-cell-true="${tl}"][data-cell-pred="${pl}"]`).innerText());
      assert.equal(n, card.metrics.confusion[t][p], `confusion ${tl} → ${pl}`);
      sum += n;
    }
  }
  assert.equal(sum, testRows);
  assert.ok(card.metrics.confusion.some((row, t) => row.some((n, p) => n > 0 && p !== t)), 'the data has errors to show');
  // the per-class report: precision, recall, F1, support per class, then macro and weighted
  const rows = await ui.locator('[data-report] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  const report = [...card.metrics.report.per_class.map((s, i) => [card.classes[i], s]), ['macro avg', card.metrics.report.macro], ['weighted avg', card.metrics.report.weighted]];
  assert.equal(rows.length, report.length);
  for (const [i, [label, s]] of report.entries()) {
    assert.equal(rows[i][0], label);
    ['precision', 'recall', 'f1'].forEach((k, j) => shows(rows[i][j + 1], s[k], `${label} ${k}`));
    assert.equal(Number(rows[i][4].replace(/,/g, '')), s.support);
  }
});

test('importance bars, per-group metrics with the worst flagged, features and provenance', async () => {
  const card = await sent('clf');
  const ui = cell('clf').locator('[data-model-card]');
  const order = await ui.locator('[data-importance]').evaluateAll((els) => els.map((e) => e.getAttribute('data-importance')));
  assert.deepEqual(order, card.importance.map((i) => i.feature));
  for (const i of card.importance) {
    const [mean, std] = (await ui.locator(`[data-importance="${i.feature}"] .n`).innerText()).split(' ± ');
    shows(mean, i.mean, `${i.feature} importance`);
    shows(std, i.std, `${i.feature} importance std`);
  }
  // a longer bar for a larger importance
  const width = (f) => ui.locator(`[data-importance="${f}"] rect`).evaluate((r) => Number(r.getAttribute('width')));
  assert.ok((await width(card.importance[0].feature)) > (await width(card.importance[1].feature)));

  assert.deepEqual(card.groups.map((g) => g.group), ['east', 'north', 'south', 'west']);
  const worst = card.groups.reduce((a, g) => (g.metrics.accuracy < a.metrics.accuracy ? g : a));
  for (const g of card.groups) {
    const row = ui.locator(`[data-group="${g.group}"]`);
    const cells = await row.locator('td').allInnerTexts();
    assert.equal(Number(cells[0]), g.metrics.rows);
    shows(cells[1], g.metrics.accuracy, `${g.group} accuracy`);
    assert.equal((await row.getAttribute('data-worst')) !== null, g === worst, `${g.group} flagged iff worst`);
  }
  assert.equal(await ui.locator('[data-worst]').count(), 1);
  assert.match(await ui.locator(`[data-group="${worst.group}"]`).innerText(), /worst/);

  assert.deepEqual(await ui.locator('[data-feature]').evaluateAll((els) => els.map((e) => e.getAttribute('data-feature'))), ['x1', 'x2', 'noise', 'region']);
  assert.match(await ui.locator('[data-feature="region"]').innerText(), /categorical\s+string\s+4\s+0%/);
  const prov = await ui.locator('[data-provenance]').innerText();
  assert.ok(prov.includes(`data ${card.data_hash.slice(0, 19)}`), prov);
  assert.ok(prov.includes(`seed ${card.seed}`) && prov.includes(card.versions.go), prov);
  assert.equal(await ui.locator('[data-problem]').innerText(), card.problem);
  assert.equal(card.problem, 'Which readings are high?');
});

test('a regression card shows RMSE, MAE and R², and an unevaluated model says so', async () => {
  const card = await sent('reg');
  const ui = cell('reg').locator('[data-model-card]');
  await ui.waitFor();
  for (const k of ['rmse', 'mae', 'r2']) shows(await ui.locator(`[data-metric="${k}"]`).innerText(), card.metrics[k], k);
  assert.equal(await ui.locator('[data-metric="accuracy"], [data-confusion], [data-report]').count(), 0);
  assert.deepEqual(await ui.locator('[data-group]').evaluateAll((els) => els.map((e) => e.getAttribute('data-group'))), ['x', 'y']);
  const worst = card.groups.reduce((a, g) => (g.metrics.rmse > a.metrics.rmse ? g : a));
  assert.equal(await ui.locator('[data-worst]').getAttribute('data-group'), worst.group);

  const bare = cell('bare').locator('[data-model-card]');
  await bare.waitFor();
  assert.match(await bare.locator('[data-not-evaluated]').innerText(), /Not evaluated yet/);
  assert.equal(await bare.locator('[data-metric], [data-confusion], [data-importance], [data-group]').count(), 0);
  assert.equal(await bare.locator('[data-feature]').count(), 4);
});

test('the dark theme shades the confusion grid with its own colours', async () => {
  const hit = cell('clf').locator('[data-confusion] td.hit').first();
  const look = () => hit.evaluate((td) => getComputedStyle(td).backgroundColor + ' ' + getComputedStyle(td).color);
  const light = await look();
  await page.getByRole('button', { name: 'Toggle theme' }).click();
  await poll(async () => (await look()) !== light, 'dark colours');
  await page.getByRole('button', { name: 'Toggle theme' }).click();
  await poll(async () => (await look()) === light, 'light colours again');
});

test('the saved notebook shows the card again without a run', async () => {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await poll(() => readFileSync(srv.path, 'utf8').includes(`mime=${MODEL_MIME}`), 'the card saved in the file');
  const card = await sent('clf');
  const again = await start(srv.path, []);
  const b2 = await browse();
  try {
    await b2.page.goto(again.url);
    const ui = b2.page.locator('[data-cell="clf"] [data-model-card]');
    await ui.waitFor();
    assert.equal(await ui.locator('[data-metric="accuracy"]').getAttribute('title'), String(card.metrics.accuracy));
    assert.equal(await ui.locator('[data-confusion] td').count(), card.classes.length ** 2);
    assert.deepEqual(b2.offsite, []);
    assert.deepEqual(b2.errors, []);
  } finally {
    await b2.stop();
    await again.stop();
  }
});

test('nothing left the machine and the page threw nothing', () => {
  assert.deepEqual(b.offsite, []);
  assert.deepEqual(b.errors, []);
});
