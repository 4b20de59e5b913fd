import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppRequest } from './static-files.js';

const dir = path.resolve('/app/dist/renderer');

describe('resolveAppRequest', () => {
  it('serves index.html for the root and files under the renderer dir', () => {
    expect(resolveAppRequest(dir, 'app://cytocurator/')).toEqual({
      ok: true,
      file: path.join(dir, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppRequest(dir, 'app://cytocurator/assets/index-1a2b.js?v=1#x')).toEqual({
      ok: true,
      file: path.join(dir, 'assets', 'index-1a2b.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppRequest(dir, 'app://cytocurator/assets/a%20b.css', 'HEAD')).toMatchObject({
      ok: true,
      file: path.join(dir, 'assets', 'a b.css'),
    });
  });

  it.each([
    'app://cytocurator/../../etc/passwd',
    'app://cytocurator/%2e%2e/%2e%2e/etc/passwd',
    'app://cytocurator/assets/..%2f..%2f..%2fsecret',
    'app://cytocurator/..%5c..%5csecret',
    'app://cytocurator/a%00.html',
    'app://cytocurator/%E0%A4%A',
  ])('refuses traversal %s with 404', (url) => {
    const r = resolveAppRequest(dir, url);
    if (r.ok) expect(r.file.startsWith(dir + path.sep)).toBe(true);
    else expect(r.status).toBe(404);
  });

  it.each([
    'app://other/index.html',
    'app://cytocurator.evil/index.html',
    'app://x@cytocurator/index.html',
    'app://cytocurator:1/index.html',
    'https://cytocurator/index.html',
    'nonsense',
  ])('refuses foreign origin %s with 404', (url) => {
    expect(resolveAppRequest(dir, url)).toMatchObject({ ok: false, status: 404 });
  });

  it('refuses methods other than GET and HEAD', () => {
    expect(resolveAppRequest(dir, 'app://cytocurator/index.html', 'POST')).toMatchObject({ ok: false, status: 405 });
  });
});
