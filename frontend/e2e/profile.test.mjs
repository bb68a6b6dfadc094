// The column profile in the browser against a real `cairn serve`: the Profile button of a SQL
// result's table fetches GET /api/profile from the kernel (DuckDB) and shows a card per column.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openNotebook, poll } from './harness.mjs';

const fence = '```';
// x: 1 2 2 3 4 5 7 8 and two NULLs (mean 4, std √(44/7), quartiles 2 / 3.5 / 5.5);
// s: a ×4, bb ×2, ccc, dddd, e and one NULL.
const notebook = `# Profile

${fence}sql id=q
select * from (values (1, 'a'), (2, 'bb'), (2, 'a'), (3, null), (4, 'ccc'),
  (5, 'a'), (null, 'bb'), (7, 'dddd'), (8, 'e'), (null, 'a')) v(x, s)
${fence}

${fence}sql id=mk
create table sample as select range as n, range % 3 = 0 as third from range(12);
create view evens as select n from sample where n % 2 = 0
${fence}
`;

let srv, b, page;

before(async () => {
  ({ srv, b, page } = await openNotebook(notebook));
});

after(async () => {
  await b?.stop();
  await srv?.stop();
});

test('Profile shows each column with its numbers, histogram and top values', async () => {
  const cell = page.locator('[data-cell="q"]');
  await cell.getByRole('button', { name: 'Run cell' }).click();
  const table = cell.locator('[data-table]');
  await table.waitFor();
  await table.getByRole('button', { name: 'Profile' }).click();
  const x = table.locator('[data-profile] [data-column="x"]');
  await x.waitFor();
  const stat = (card, name) => card.locator(`[data-stat="${name}"]`).innerText();
  assert.equal(await stat(x, 'nulls'), '2 (20%)');
  assert.equal(await stat(x, 'distinct'), '7');
  assert.equal(await stat(x, 'min'), '1');
  assert.equal(await stat(x, 'max'), '8');
  assert.equal(await stat(x, 'mean'), '4');
  assert.equal(await stat(x, 'std'), '2.507');
  assert.equal(await stat(x, '25%'), '2');
  assert.equal(await stat(x, 'median'), '3.5');
  assert.equal(await stat(x, '75%'), '5.5');
  assert.equal(await x.locator('svg rect').count(), 20);
  const s = table.locator('[data-profile] [data-column="s"]');
  assert.equal(await stat(s, 'nulls'), '1 (10%)');
  assert.equal(await stat(s, 'distinct'), '5');
  assert.equal(await stat(s, 'length'), '1–4');
  const top = await s.locator('li').allInnerTexts();
  assert.deepEqual(top.map((t) => t.replace(/\s+/g, ' ').trim()), ['a 4', 'bb 2', 'ccc 1', 'dddd 1', 'e 1']);

  await table.getByRole('button', { name: 'Profile' }).click(); // toggles it away
  await poll(async () => (await table.locator('[data-profile]').count()) === 0, 'profile hidden');
});

test('the Tables panel lists tables and views and profiles one by name', async () => {
  const cell = page.locator('[data-cell="mk"]');
  await cell.getByRole('button', { name: 'Run cell' }).click();
  await poll(async () => (await cell.getAttribute('data-state')) === 'done', 'mk done');
  await page.getByRole('button', { name: 'Tables', exact: true }).click();
  const dialog = page.getByRole('dialog');
  const sample = dialog.locator('[data-table-name="sample"]');
  await sample.waitFor();
  assert.match(await sample.innerText(), /12 rows · 2 columns/);
  assert.match(await dialog.locator('[data-table-name="evens"]').innerText(), /view · 1 columns/);
  await sample.click();
  const n = dialog.locator('[data-profile] [data-column="n"]');
  await n.waitFor();
  assert.equal(await n.locator('[data-stat="max"]').innerText(), '11');
  assert.equal(await dialog.locator('[data-profile] [data-column="third"] [data-stat="true"]').innerText(), '4');
  await page.keyboard.press('Escape');
  await poll(async () => (await page.getByRole('dialog').count()) === 0, 'panel closed');
});

test('nothing left the machine and the page threw nothing', () => {
  assert.deepEqual(b.offsite, []);
  assert.deepEqual(b.errors, []);
});
