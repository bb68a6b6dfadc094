// Changing a notebook's structure from the UI against a real `cairn serve`: add, split at the
// cursor, move, change a cell's type, run all, and open another notebook from the file list.
// Each change is checked again after a reload, i.e. on the server's copy.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openNotebook, poll } from './harness.mjs';

const fence = '```';
const notebook = `# Structure

${fence}go id=one
a := 1
b := a + 1
b
${fence}

${fence}go id=two
"two"
${fence}
`;

let srv, b, page;
const cell = (id) => page.locator(`[data-cell="${id}"]`);
const ids = () => page.locator('[data-cell]').evaluateAll((els) => els.map((e) => e.getAttribute('data-cell')));
const source = (id) => cell(id).locator('.cm-content').innerText();

async function reload() {
  await page.reload();
  await page.locator('[data-cell]').first().waitFor();
}

before(async () => {
  ({ srv, b, page } = await openNotebook(notebook, { idle: false }));
});

after(async () => {
  await b?.stop();
  await srv?.stop();
});

test('splits a cell at the cursor', async () => {
  await cell('one').locator('.cm-line').nth(1).click();
  await page.keyboard.press('Home');
  await cell('one').getByRole('button', { name: 'Split cell' }).click();
  await poll(async () => (await ids()).length === 4, 'a new cell');
  const [, first, second] = await ids();
  assert.equal(first, 'one');
  assert.equal((await source('one')).trim(), 'a := 1');
  assert.equal((await source(second)).trim(), 'b := a + 1\nb');
  await reload();
  assert.equal((await source(second)).trim(), 'b := a + 1\nb');
});

test('moves a cell down and up', async () => {
  const before = await ids();
  await cell('one').getByRole('button', { name: 'Move cell down' }).click();
  await poll(async () => (await ids())[2] === 'one', 'one moved down');
  await reload();
  const after = await ids();
  assert.deepEqual(after, [before[0], before[2], 'one', before[3]]);
  await cell('one').getByRole('button', { name: 'Move cell up' }).click();
  await poll(async () => (await ids())[1] === 'one', 'one moved back');
});

test('changes a cell to SQL and to Markdown', async () => {
  await cell('two').getByRole('combobox', { name: 'Cell type' }).selectOption('sql');
  await cell('two').getByRole('combobox', { name: 'Cell type' }).selectOption('markdown');
  await poll(async () => (await cell('two').getAttribute('data-kind')) === 'markdown', 'Markdown cell');
  await reload();
  assert.equal(await cell('two').getAttribute('data-kind'), 'markdown');
  await cell('two').getByRole('combobox', { name: 'Cell type' }).selectOption('sql');
  await reload();
  assert.equal(await cell('two').getAttribute('data-kind'), 'code');
  assert.equal(await cell('two').getByRole('combobox', { name: 'Cell type' }).inputValue(), 'sql');
  await cell('two').getByRole('combobox', { name: 'Cell type' }).selectOption('go');
});

test('adds a cell from the toolbar and runs all', async () => {
  const n = (await ids()).length;
  await page.getByRole('button', { name: '+ Code' }).first().click();
  await poll(async () => (await ids()).length === n + 1, 'a cell added');
  await page.keyboard.insertText('40 + 2');
  await page.getByRole('button', { name: 'Run all', exact: true }).click();
  await poll(async () => {
    const states = await page.locator('[data-cell][data-kind=code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    return states.every((s) => s === 'done') && states;
  }, 'every code cell done');
  assert.match(await page.locator('[data-cell][data-kind=code] [data-output]').allInnerTexts().then((t) => t.join('\n')), /42/);
});

test('opens another notebook from the folder list', async () => {
  writeFileSync(join(srv.dir, 'other.cairn.md'), `---\ntitle: The other one\n---\n\n${fence}go id=zz\n"other"\n${fence}\n`);
  await page.getByRole('button', { name: 'Open…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open notebook' });
  await dialog.getByRole('button', { name: /other\.cairn\.md/ }).click();
  await poll(async () => (await ids()).join() === 'zz', 'the other notebook shown');
  assert.match(await page.locator('.toolbar .name').innerText(), /The other one/);
  await reload();
  assert.deepEqual(await ids(), ['zz']);
});

test('nothing left the machine and the page threw nothing', () => {
  assert.deepEqual(b.offsite, []);
  assert.deepEqual(b.errors, []);
});
