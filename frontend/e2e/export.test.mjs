// "Export model" in the browser against a real `cairn serve`: the panel lists the kernel's
// models, writes the service binary, and that binary, started as its own process, answers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNotebook, poll } from './harness.mjs';

const fence = '```';
const notebook = `# Export

${fence}go id=train
import ("cairn/frame"; "cairn/ml"; "cairn/ml/linear")
df, err := frame.Query("select range % 10 as x, range % 3 as k, (range % 10) > 4 as big from range(300)")
if err != nil { panic(err) }
ds, err := df.Dataset("big")
if err != nil { panic(err) }
model, err := ml.Fit(ds, linear.Logistic{}, ml.FitOptions{Seed: 1})
if err != nil { panic(err) }
${fence}
`;

let srv, b, page, svc;
const out = mkdtempSync(join(tmpdir(), 'cairn-export-'));

before(async () => {
  ({ srv, b, page } = await openNotebook(notebook));
});

after(async () => {
  svc?.kill();
  await b?.stop();
  await srv?.stop();
  rmSync(out, { recursive: true, force: true });
});

test('before training, the panel says there is no model', async () => {
  await page.getByRole('button', { name: 'Export model' }).click();
  await page.locator('[data-no-models]').waitFor();
  await page.keyboard.press('Escape');
  await poll(async () => (await page.getByRole('dialog').count()) === 0, 'panel closed');
});

test('the panel exports the trained model and the binary serves predictions', async () => {
  const cell = page.locator('[data-cell="train"]');
  await cell.getByRole('button', { name: 'Run cell' }).click();
  await poll(async () => (await cell.getAttribute('data-state')) === 'done', 'training done', 60_000);
  await page.getByRole('button', { name: 'Export model' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Model').waitFor();
  assert.match(await dialog.getByLabel('Model').innerText(), /model — logistic_regression, classification of big/);
  const path = join(out, 'svc');
  await dialog.getByLabel('File').fill(path);
  await dialog.getByRole('button', { name: 'Export' }).click();
  await dialog.locator(`[data-exported="${path}"]`).waitFor({ timeout: 60_000 });
  assert.ok(existsSync(path) && (statSync(path).mode & 0o111) !== 0, 'an executable file');

  const port = 20000 + Math.floor(Math.random() * 20000);
  svc = spawn(path, ['--addr', `127.0.0.1:${port}`], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  await poll(async () => (await fetch(`${base}/readyz`).catch(() => null))?.ok, 'service ready', 10_000);
  const res = await fetch(`${base}/predict`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ x: 9, k: 1 }) });
  assert.equal(res.status, 200, await res.clone().text());
  assert.match(await res.text(), /true/);

  await dialog.getByLabel('File').fill(join(out, 'no', 'such', 'dir', 'svc'));
  await dialog.getByRole('button', { name: 'Export' }).click();
  await dialog.getByRole('alert').waitFor();
});

test('nothing left the machine and the page threw nothing', () => {
  assert.deepEqual(b.offsite, []);
  assert.deepEqual(b.errors, []);
});
