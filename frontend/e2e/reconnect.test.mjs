// The page outlives its server: when `cairn serve` stops, the page says it is offline; when it
// is back (same address and token), the event stream reconnects and the page shows the
// notebook as the new server has it, without a reload.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browse, poll, start } from './harness.mjs';

const dir = mkdtempSync(join(tmpdir(), 'cairn-e2e-'));
const path = join(dir, 'nb.cairn.md');
let srv, again, b, page;

before(async () => {
  writeFileSync(path, '# Before\n\n```go id=first\n1\n```\n');
  srv = await start(path, []);
  b = await browse();
  page = b.page;
  await page.goto(srv.url);
  await page.locator('[data-cell="first"]').waitFor();
});

after(async () => {
  await b?.stop();
  await again?.stop();
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('reconnects after the server restarts and re-reads the notebook', async () => {
  await srv.stop();
  await poll(() => page.locator('.offline').isVisible(), 'the page to notice the server is gone');
  writeFileSync(path, '# After\n\n```go id=second\n2\n```\n');
  again = await start(path, ['--addr', `127.0.0.1:${srv.port}`, '--token', srv.token]);
  await poll(async () => (await page.locator('[data-cell="second"]').count()) === 1, 'the new notebook shown', 20_000);
  assert.equal(await page.locator('[data-cell="first"]').count(), 0);
  assert.equal(await page.locator('.offline').count(), 0);
  await page.locator('[data-cell="second"]').getByRole('button', { name: 'Run cell' }).click();
  await poll(async () => (await page.locator('[data-cell="second"]').getAttribute('data-state')) === 'done', 'a run on the new server');
  assert.deepEqual(b.offsite, []);
});
