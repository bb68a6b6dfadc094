// `cairn serve`'s guard seen from outside: no token, a wrong token, a foreign Origin or Host
// are refused; the printed URL trades its token for a cookie. And the browser harness really
// blocks non-loopback requests (so notebook.test.mjs's "nothing left the machine" means it).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { browse, serve } from './harness.mjs';

let srv;

before(async () => {
  srv = await serve('# Guarded\n\n```go id=a\n1 + 1\n```\n');
});
after(async () => {
  await srv?.stop();
});

/** req sends one raw HTTP request (Node's fetch would not let us forge Host). */
function req(path, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((ok, fail) => {
    const r = http.request({ host: '127.0.0.1', port: srv.port, path, method, headers: { Host: `127.0.0.1:${srv.port}`, ...headers } }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: data }));
    });
    r.on('error', fail);
    if (body) r.write(body);
    r.end();
  });
}

test('without the token the page and the API are refused', async () => {
  for (const path of ['/', '/index.html', '/api/notebook', '/api/events']) {
    const res = await req(path);
    assert.equal(res.status, 401, path);
  }
  const res = await req('/api/save', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
  assert.equal(res.status, 401);
  assert.match(JSON.parse(res.body).error, /token|unauthori/i);
  assert.equal((await req('/?token=wrong')).status, 401);
  assert.equal((await req('/api/notebook', { headers: { Authorization: 'Bearer wrong' } })).status, 401);
});

test('the printed URL sets an HttpOnly SameSite=Strict cookie that then works', async () => {
  const res = await req(`/?token=${srv.token}`);
  assert.ok([302, 303, 307].includes(res.status), `status ${res.status}`);
  assert.equal(res.headers.location, '/');
  const cookie = res.headers['set-cookie']?.[0] ?? '';
  assert.match(cookie, /HttpOnly/i);
  assert.match(cookie, /SameSite=Strict/i);
  const nb = await req('/api/notebook', { headers: { Cookie: cookie.split(';')[0] } });
  assert.equal(nb.status, 200);
  assert.equal(JSON.parse(nb.body).cells.length, 2);
  const bearer = await req('/api/notebook', { headers: { Authorization: `Bearer ${srv.token}` } });
  assert.equal(bearer.status, 200);
});

test('a foreign Origin or Host is refused even with the token', async () => {
  const auth = { Authorization: `Bearer ${srv.token}` };
  const evil = await req('/api/save', { method: 'POST', body: '{}', headers: { ...auth, Origin: 'http://evil.example', 'Content-Type': 'application/json' } });
  assert.equal(evil.status, 403);
  const rebind = await req('/api/notebook', { headers: { ...auth, Host: `evil.example:${srv.port}` } });
  assert.equal(rebind.status, 403);
  const own = await req('/api/notebook', { headers: { ...auth, Origin: srv.origin } });
  assert.equal(own.status, 200);
});

test('the browser harness blocks and records non-loopback requests', async () => {
  const b = await browse();
  try {
    await b.page.goto(srv.url);
    await b.page.locator('[data-cell]').first().waitFor();
    const failed = await b.page.evaluate(() =>
      fetch('http://example.invalid/x.js').then(
        () => false,
        () => true,
      ),
    );
    assert.equal(failed, true);
    assert.deepEqual(b.offsite, ['http://example.invalid/x.js']);
  } finally {
    await b.stop();
  }
});
