// Starts a real `cairn serve` on a notebook in a temporary folder and a real Chromium (Debian's
// /usr/bin/chromium through playwright-core); stops both when the test ends. The browser may
// only talk to loopback: any other request is aborted and recorded, and stop() fails on it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const cairn = process.env.CAIRN_BIN ?? join(root, 'build/bin/cairn');
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** serve writes the notebook text to a temp folder and starts `cairn serve` on it. */
export async function serve(notebookText, name = 'test.cairn.md') {
  if (!existsSync(cairn)) throw new Error(`${cairn} is missing: run \`make build\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'cairn-e2e-'));
  const path = join(dir, name);
  writeFileSync(path, notebookText);
  const srv = await start(path, []);
  const stop = srv.stop;
  srv.stop = async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return srv;
}

/** start runs `cairn serve` on an existing notebook; extra flags may fix --addr and --token. */
export async function start(path, extra) {
  const addr = extra.includes('--addr') ? [] : ['--addr', '127.0.0.1:0'];
  const proc = spawn(cairn, ['serve', path, '--no-browser', ...addr, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`cairn serve printed no URL in 20 s:\n${log}`)), 20_000);
    const onData = (b) => {
      log += b.toString();
      const m = log.match(/http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/);
      if (m) {
        clearTimeout(timer);
        ok(m[0]);
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code) => fail(new Error(`cairn serve exited (${code}) before printing its URL:\n${log}`)));
  });
  proc.stdout.on('data', (b) => (log += b.toString()));
  proc.stderr.on('data', (b) => (log += b.toString()));
  const u = new URL(url);
  return {
    url,
    origin: u.origin,
    port: Number(u.port),
    token: u.searchParams.get('token'),
    dir: dirname(path),
    path,
    log: () => log,
    async stop() {
      if (proc.exitCode === null) {
        const gone = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
        await gone;
        clearTimeout(t);
      }
    },
  };
}

function loopback(u) {
  try {
    const { protocol, hostname } = new URL(u);
    if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
    return ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
  } catch {
    return false;
  }
}

/** browse launches Chromium and opens a page whose non-loopback requests are refused. */
export async function browse() {
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const offsite = [];
  await context.route(
    (u) => !loopback(u.toString()),
    (route) => {
      offsite.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => d.accept());
  return {
    browser,
    page,
    offsite,
    errors,
    async stop() {
      await browser.close();
    },
  };
}

/**
 * openNotebook serves notebookText, opens it in a fresh browser and waits for its cells and,
 * unless idle is false, for an idle kernel.
 */
export async function openNotebook(notebookText, { idle = true } = {}) {
  const srv = await serve(notebookText);
  const b = await browse();
  await b.page.goto(srv.url);
  await b.page.locator('[data-cell]').first().waitFor();
  if (idle) await poll(async () => (await b.page.locator('[data-kernel]').getAttribute('data-kernel')) === 'idle', 'kernel idle');
  return { srv, b, page: b.page };
}

/** poll retries f until it returns a truthy value, or fails with what it last saw. */
export async function poll(f, what, timeoutMs = 15_000, everyMs = 50) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await f();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
