import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeService } from '../test-support/service-fixture.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { startBrowserServer } from './browser-server.js';
import type { BrowserServer } from './browser-server.js';

const tempDir = useTempDirs();
const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const r of running.splice(0).reverse()) await r.close();
});

async function start(): Promise<BrowserServer & { base: string }> {
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(path.dirname(staticDir), `${path.basename(staticDir)}-secret.txt`), 'secret');
  const service = makeService(tempDir());
  running.push(service);
  const server = await startBrowserServer({ service, staticDir, maxRequestBytes: 2048 });
  running.push(server);
  return { ...server, base: `http://127.0.0.1:${server.port}` };
}

/** Raw request, so Host and Origin can be set the way a hostile page or a rebinding attack would. */
function request(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

describe('browser-mode server', () => {
  it('prints a 127.0.0.1 URL with a long random token, different per launch', async () => {
    const a = await start();
    const b = await start();
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
  });

  it('serves the renderer without a token, with the CSP, and never outside its folder', async () => {
    const s = await start();
    const index = await request(s.port, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect((await request(s.port, { path: '/assets/app.js' })).headers['content-type']).toContain('javascript');
    for (const p of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', `/../${path.basename(s.base)}-secret.txt`]) {
      expect((await request(s.port, { path: p })).status, p).toBe(404);
    }
    expect((await request(s.port, { method: 'POST', path: '/index.html' })).status).toBe(405);
  });

  it('answers API calls with the token, and refuses them without it or from another origin', async () => {
    const s = await start();
    const json = { 'Content-Type': 'application/json', Host: `127.0.0.1:${s.port}` };
    const auth = { ...json, Authorization: `Bearer ${s.token}` };
    const ok = await request(s.port, { method: 'POST', path: '/api/call/getStatus', headers: auth, body: '{}' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, result: { library: { sampleCount: 0 } } });

    const noToken = await request(s.port, { method: 'POST', path: '/api/call/getStatus', headers: json, body: '{}' });
    expect(noToken.status).toBe(401);
    expect(JSON.parse(noToken.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const wrong = await request(s.port, { method: 'POST', path: '/api/call/getStatus', headers: { ...json, Authorization: 'Bearer nope' }, body: '{}' });
    expect(wrong.status).toBe(401);
    const foreign = await request(s.port, { method: 'POST', path: '/api/call/getStatus', headers: { ...auth, Origin: 'https://evil.example' }, body: '{}' });
    expect(foreign.status).toBe(403);
    const rebound = await request(s.port, { method: 'POST', path: '/api/call/getStatus', headers: { ...auth, Host: `evil.example:${s.port}` }, body: '{}' });
    expect(rebound.status).toBe(403);
    const events = await request(s.port, { path: '/api/events', headers: { Host: `127.0.0.1:${s.port}` } });
    expect(events.status).toBe(401);
  });

  it('validates requests and names what is wrong', async () => {
    const s = await start();
    const auth = { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}` };
    const post = (op: string, body: string, headers: Record<string, string> = auth) =>
      request(s.port, { method: 'POST', path: `/api/call/${op}`, headers, body });
    expect((await post('nope', '{}')).status).toBe(404);
    const invalid = await post('listSamples', '{"limit":0}');
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error).toMatchObject({ code: 'invalid-request', field: 'limit' });
    expect((await post('getStatus', '{not json')).status).toBe(400);
    expect((await post('getStatus', '{}', { ...auth, 'Content-Type': 'text/plain' })).status).toBe(400);
    expect((await post('listSamples', JSON.stringify({ search: 'x'.repeat(4000) }))).status).toBe(413);
    expect((await post('getSample', '{"id":"cs-none"}')).status).toBe(404);
  });

  it('streams service events to authorised clients', async () => {
    const s = await start();
    const res = await fetch(`${s.base}/api/events`, { headers: { Authorization: `Bearer ${s.token}` } });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    await fetch(`${s.base}/api/call/openLibrary`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ which: 'demo' }),
    });
    let text = '';
    while (!text.includes('library-changed')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    const frame = text.split('\n').find((l) => l.startsWith('data: '));
    expect(JSON.parse(frame!.slice(6))).toMatchObject({ type: 'library-changed', library: { kind: 'demo' } });
    await reader.cancel();
  });
});
