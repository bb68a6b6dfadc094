// Rich outputs in the browser against a real `cairn serve`: sanitised HTML, Markdown and SVG
// from cairn/nb, a progress bar and a display updated in place, and a kernel death shown in a
// banner that restarts the kernel without losing an edit.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openNotebook, poll } from './harness.mjs';

const fence = '```';
const notebook = `# Outputs

${fence}go id=rich
import "cairn/nb"
nb.Display(nb.HTML(\`<b id="bold">bold</b><img src="x" onerror="window.pwned=1"><script>window.pwned=2</script>\`))
nb.Display(nb.Markdown("## Made by *nb*"))
nb.Display(nb.SVG(\`<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><rect width="20" height="20" fill="teal"/></svg>\`))
${fence}

${fence}go id=progress
import ("cairn/nb"; "time")
bar := nb.Progress(5, "steps")
for range 5 {
	time.Sleep(300 * time.Millisecond)
	bar.Add(1)
}
bar.Done()
${fence}

${fence}go id=update
import ("cairn/nb"; "time")
id := nb.DisplayID()
nb.Update(id, "first")
time.Sleep(600 * time.Millisecond)
nb.Update(id, "second")
${fence}

${fence}go id=note
x := 1
${fence}

${fence}go id=crash
import "os"
os.Exit(3)
${fence}
`;

let srv, b, page;
const cell = (id) => page.locator(`[data-cell="${id}"]`);
const stateOf = (id) => cell(id).getAttribute('data-state');
const run = (id) => cell(id).getByRole('button', { name: 'Run cell' }).click();
const kernel = () => page.locator('[data-kernel]').getAttribute('data-kernel');

before(async () => {
  ({ srv, b, page } = await openNotebook(notebook));
});

after(async () => {
  await b?.stop();
  await srv?.stop();
});

test('HTML, Markdown and SVG outputs render, sanitised', async () => {
  await run('rich');
  await poll(async () => (await stateOf('rich')) === 'done', 'rich cell done');
  const out = cell('rich').locator('[data-output]');
  assert.equal(await out.locator('#bold').innerText(), 'bold');
  assert.equal(await out.locator('h2 em').innerText(), 'nb');
  assert.equal(await out.locator('img[src^="data:image/svg+xml"]').count(), 1);
  const html = await out.innerHTML();
  assert.doesNotMatch(html, /onerror|<script/i);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
});

test('a progress bar advances in place', async () => {
  await run('progress');
  const bar = cell('progress').locator('[role=progressbar]');
  const seen = new Set();
  await poll(async () => {
    if ((await bar.count()) === 1) seen.add(await bar.getAttribute('aria-valuenow'));
    return (await stateOf('progress')) === 'done';
  }, 'progress cell done');
  assert.equal(await bar.count(), 1, 'one bar, updated in place');
  assert.equal(await bar.getAttribute('aria-valuenow'), '5');
  assert.equal(await bar.getAttribute('aria-valuemax'), '5');
  assert.ok(seen.size >= 3, `bar values seen while running: ${[...seen]}`);
});

test('update_display replaces the output it names', async () => {
  await run('update');
  await poll(async () => (await cell('update').locator('[data-output]').innerText()).includes('first'), 'first display');
  await poll(async () => (await stateOf('update')) === 'done', 'update cell done');
  assert.equal((await cell('update').locator('[data-output]').innerText()).trim(), 'second');
});

test('a kernel death shows a banner, loses no edit, and Restart recovers', async () => {
  await cell('note').locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText('x := 2 // typed before the crash');
  await run('crash'); // the run flushes the pending edit first
  const banner = page.locator('.banner.danger');
  await banner.waitFor();
  assert.match(await banner.innerText(), /kernel died: .*(exit|3)/i);
  assert.equal(await kernel(), 'dead');
  assert.equal(await stateOf('crash'), 'error');
  assert.match(await cell('note').locator('.cm-content').innerText(), /typed before the crash/);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await poll(() => readFileSync(srv.path, 'utf8').includes('typed before the crash'), 'the edit saved');
  await banner.getByRole('button', { name: 'Restart' }).click();
  await poll(async () => (await kernel()) === 'idle', 'kernel idle after restart');
  assert.equal(await banner.count(), 0);
  await run('note');
  await poll(async () => (await stateOf('note')) === 'done', 'a cell runs on the new kernel');
});

test('nothing left the machine and the page threw nothing', () => {
  assert.deepEqual(b.offsite, []);
  assert.deepEqual(b.errors, []);
});
