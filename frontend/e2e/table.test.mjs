// A SQL cell's table output in the browser against a real `cairn serve`: the first page comes
// with the cell, further pages and sorting are fetched from the kernel (DuckDB) through
// GET /api/table, and the page keeps one page of rows only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openNotebook, poll } from './harness.mjs';

const fence = '```';
const notebook = `# Tables

${fence}sql id=big
select range as i, 'row ' || range as label from range(100000)
${fence}

${fence}sql id=values
select null as n, repeat('x', 200) as long, 1.5::double as d
${fence}
`;

let srv, b, page;
const cell = (id) => page.locator(`[data-cell="${id}"]`);
const table = () => cell('big').locator('[data-table]');
const range = () => table().locator('[data-range]').innerText();
const firstCell = () => table().locator('tbody tr').first().locator('td').first().innerText();

before(async () => {
  ({ srv, b, page } = await openNotebook(notebook));
});

after(async () => {
  await b?.stop();
  await srv?.stop();
});

test('a SQL result shows its first page, pages forward and back', async () => {
  await cell('big').getByRole('button', { name: 'Run cell' }).click();
  await poll(async () => (await cell('big').getAttribute('data-state')) === 'done', 'SQL cell done');
  await table().waitFor();
  assert.equal(await range(), 'rows 1–50 of 100,000');
  assert.equal(await table().locator('tbody tr').count(), 50);
  const heads = await table().locator('thead th').allInnerTexts();
  assert.match(heads[0], /i\s*BIGINT/);
  assert.match(heads[1], /label\s*VARCHAR/);
  assert.equal(await firstCell(), '0');

  await table().getByRole('button', { name: 'Next page' }).click();
  await poll(async () => (await range()) === 'rows 51–100 of 100,000', 'second page');
  assert.equal(await firstCell(), '50');
  assert.equal(await table().locator('tbody tr').count(), 50, 'one page held');

  await table().getByRole('button', { name: 'Last page' }).click();
  await poll(async () => (await range()) === 'rows 99,951–100,000 of 100,000', 'last page');
  await table().getByRole('button', { name: 'First page' }).click();
  await poll(async () => (await range()) === 'rows 1–50 of 100,000', 'first page again');
});

test('clicking a header sorts in the kernel: ascending, descending, unsorted', async () => {
  const head = table().locator('thead th').first();
  await head.getByRole('button').click();
  await poll(async () => (await head.getAttribute('aria-sort')) === 'ascending', 'ascending');
  assert.equal(await firstCell(), '0');
  await head.getByRole('button').click();
  await poll(async () => (await head.getAttribute('aria-sort')) === 'descending', 'descending');
  assert.equal(await firstCell(), '99999');
  assert.equal(await range(), 'rows 1–50 of 100,000');
  await table().getByRole('button', { name: 'Next page' }).click();
  await poll(async () => (await firstCell()) === '99949', 'second page of the sorted result');
  await head.getByRole('button').click();
  await poll(async () => (await head.getAttribute('aria-sort')) === 'none', 'unsorted');
  assert.equal(await firstCell(), '0');
});

test('NULL is marked, numbers right-aligned, long text cut with the whole value on click', async () => {
  await cell('values').getByRole('button', { name: 'Run cell' }).click();
  const t = cell('values').locator('[data-table]');
  await t.waitFor();
  const tds = t.locator('tbody td');
  assert.equal(await tds.nth(0).innerText(), 'NULL');
  assert.match(await tds.nth(0).getAttribute('class'), /\bnull\b/);
  assert.equal(await tds.nth(2).evaluate((e) => getComputedStyle(e).textAlign), 'right');
  assert.equal(await tds.nth(1).evaluate((e) => getComputedStyle(e).textAlign), 'left');
  const long = tds.nth(1);
  assert.equal(await long.innerText(), 'x'.repeat(80) + '…');
  assert.equal(await long.getAttribute('title'), 'x'.repeat(200));
  await long.getByRole('button').click();
  assert.equal(await long.innerText(), 'x'.repeat(200));
  assert.equal(await t.locator('[data-range]').innerText(), 'row 1 of 1');
});

test('nothing left the machine and the page threw nothing', () => {
  assert.deepEqual(b.offsite, []);
  assert.deepEqual(b.errors, []);
});
