// The notebook in a real browser against a real `cairn serve`: open, edit, run, stream, error
// highlight, interrupt, restart, save, reload. One server and browser for the whole file; the
// steps build on each other in order.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { browse, poll, serve } from './harness.mjs';

const fence = '```';
const notebook = `---
title: E2E notebook
---

# Intro

Some *text*.

${fence}go id=hello
import "fmt"
fmt.Println("hello")
${fence}

${fence}go id=stream
import ("fmt"; "time")
for i := range 10 {
	fmt.Println("tick", i)
	time.Sleep(200 * time.Millisecond)
}
${fence}

${fence}go id=loop
n := 0
for { n++ }
${fence}

${fence}go id=state
seen := 41
${fence}

${fence}go id=use
seen + 1
${fence}
`;

let srv, b, page;
const cell = (id) => page.locator(`[data-cell="${id}"]`);
const stateOf = (id) => cell(id).getAttribute('data-state');
const outputOf = (id) => cell(id).locator('[data-output]').innerText();
const waitState = (id, want, ms = 20_000) =>
  poll(async () => ((await stateOf(id)) === want ? want : null), `cell ${id} to be ${want} (is ${'?'})`, ms);

async function replaceSource(id, text) {
  await cell(id).locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

before(async () => {
  srv = await serve(notebook);
  b = await browse();
  page = b.page;
  await page.goto(srv.url);
});

after(async () => {
  await b?.stop();
  await srv?.stop();
});

test('opens the notebook: cells, rendered Markdown, kernel status', async () => {
  await page.locator('[data-cell]').first().waitFor();
  assert.deepEqual(
    await page.locator('[data-cell]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state'))),
    ['idle', 'idle', 'idle', 'idle', 'idle', 'idle'],
  );
  assert.equal(await page.locator('[data-cell] .markdown h1').innerText(), 'Intro');
  assert.equal(await page.locator('[data-cell] .markdown em').innerText(), 'text');
  await poll(async () => (await page.locator('[data-kernel]').getAttribute('data-kernel')) === 'idle', 'kernel idle');
  for (const name of ['Run all', 'Interrupt', 'Restart kernel', 'Save']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, name);
  }
  await poll(() => srv.log().includes('frontend connected'), '"frontend connected" on the server');
});

test('edits a cell and runs it with Shift+Enter', async () => {
  await replaceSource('hello', 'import "fmt"\nfmt.Println("edited", 6*7)');
  await page.keyboard.press('Shift+Enter');
  await waitState('hello', 'done');
  assert.equal((await outputOf('hello')).trim(), 'edited 42');
  assert.match(await cell('hello').locator('.count').innerText(), /\[\d+\]/);
  // Shift+Enter moved the selection on, in command mode.
  assert.equal(await page.locator('[data-cell].selected').getAttribute('data-cell'), 'stream');
});

test('streams output while the cell runs', async () => {
  await cell('stream').getByRole('button', { name: 'Run cell' }).click();
  const partial = [];
  await poll(async () => {
    const st = await stateOf('stream');
    const ticks = (await outputOf('stream')).split('\n').filter((l) => l.startsWith('tick')).length;
    if (st === 'running' && ticks > 0 && ticks < 10) partial.push(ticks);
    return st === 'done';
  }, 'the streaming cell to finish');
  assert.ok(partial.length >= 2, `saw partial output ${partial.length} times: ${partial}`);
  assert.ok(new Set(partial).size >= 2, `partial output grew in steps: ${partial}`);
  assert.equal((await outputOf('stream')).trim().split('\n').length, 10);
});

test('shows a compile error on its line', async () => {
  await replaceSource('use', 'x := 1\ny := undefinedName + x');
  await page.keyboard.press('Control+Enter');
  await waitState('use', 'error');
  // The message names line 2 (as "2:col" or "line 2"), and the editor marks that line.
  assert.match(await cell('use').locator('[role=alert]').innerText(), /(^|\D)2:\d|line 2/);
  assert.match(await cell('use').locator('.cm-error-line').innerText(), /undefinedName/);
  await replaceSource('use', 'seen + 1');
});

test('interrupts an infinite loop', async () => {
  await cell('loop').getByRole('button', { name: 'Run cell' }).click();
  await waitState('loop', 'running');
  await poll(async () => (await page.locator('[data-kernel]').getAttribute('data-kernel')) === 'busy', 'kernel busy');
  await page.getByRole('button', { name: 'Interrupt', exact: true }).click();
  await poll(async () => ['error', 'done'].includes(await stateOf('loop')), 'the loop to stop', 15_000);
  await poll(async () => (await page.locator('[data-kernel]').getAttribute('data-kernel')) === 'idle', 'kernel idle again');
});

test('restarts the kernel: its variables are gone', async () => {
  await cell('state').getByRole('button', { name: 'Run cell' }).click();
  await waitState('state', 'done');
  await cell('use').getByRole('button', { name: 'Run cell' }).click();
  await waitState('use', 'done');
  assert.match(await outputOf('use'), /42/);
  await page.getByRole('button', { name: 'Restart kernel', exact: true }).click();
  await poll(async () => (await page.locator('[data-kernel]').getAttribute('data-kernel')) === 'idle', 'kernel idle after restart');
  await cell('use').getByRole('button', { name: 'Run cell' }).click();
  await waitState('use', 'error');
  assert.match(await cell('use').innerText(), /seen/);
});

test('warns before leaving with unsent edits', async () => {
  await replaceSource('state', 'seen := 1000');
  const prevented = await page.evaluate(() => {
    const e = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(e);
    return e.defaultPrevented;
  });
  assert.equal(prevented, true);
});

test('saves, and a reload shows the edits', async () => {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await poll(() => readFileSync(srv.path, 'utf8').includes('seen := 1000'), 'the file to hold the edit');
  const text = readFileSync(srv.path, 'utf8');
  assert.match(text, /fmt\.Println\("edited", 6\*7\)/);
  await poll(async () => (await page.locator('.saved').getAttribute('data-dirty')) === 'false', 'saved state').catch(async (e) => {
    await page.screenshot({ path: '/tmp/hb_fail.png' });
    throw e;
  });
  await page.reload();
  await cell('hello').locator('.cm-content').waitFor();
  assert.match(await cell('hello').locator('.cm-content').innerText(), /fmt\.Println\("edited", 6\*7\)/);
  assert.match(await cell('state').locator('.cm-content').innerText(), /seen := 1000/);
});

test('command-mode keys insert, retype and delete cells', async () => {
  const count = () => page.locator('[data-cell]').count();
  const n = await count();
  await cell('hello').locator('.cm-content').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('b');
  await poll(async () => (await count()) === n + 1, 'a cell inserted below');
  const added = await page.locator('[data-cell]').nth(2).getAttribute('data-cell');
  assert.notEqual(added, 'stream');
  await page.keyboard.insertText('Some **notes**');
  await page.keyboard.press('Escape');
  await page.keyboard.press('m');
  await poll(async () => (await cell(added).getAttribute('data-kind')) === 'markdown', 'the cell to become Markdown');
  await poll(async () => (await cell(added).locator('.markdown strong').count()) === 1, 'rendered Markdown');
  await page.keyboard.press('d');
  await page.keyboard.press('d');
  await poll(async () => (await count()) === n, 'the cell deleted');
  await page.keyboard.press('h');
  assert.equal(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible(), true);
  await page.keyboard.press('Escape');
});

test('a refused save-as says why and keeps the notebook', async () => {
  await page.getByRole('button', { name: 'Save as…' }).click();
  const name = page.getByRole('textbox', { name: 'File name' });
  await name.fill('/nonexistent-dir-cairn/x.cairn.md');
  await page.getByRole('button', { name: 'Save here' }).click();
  await page.locator('.banner.warn').waitFor();
  assert.match(await page.locator('.banner.warn').innerText(), /nonexistent-dir-cairn|no such|not/i);
  assert.ok(await page.getByRole('dialog', { name: 'Save as' }).isVisible());
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await page.locator('[data-cell]').count(), 6);
});

test('no request left the machine and the page threw nothing', () => {
  assert.deepEqual(b.offsite, []);
  assert.deepEqual(b.errors, []);
});
