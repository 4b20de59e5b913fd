import { describe, expect, it } from 'vitest';
import { mimeTypeFor } from './mime-types.js';

describe('mimeTypeFor', () => {
  it('knows the renderer file types, whatever the case of the extension', () => {
    expect(mimeTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('assets/x.WOFF2')).toBe('font/woff2');
    expect(mimeTypeFor('x.ttf')).toBe('font/ttf');
    expect(mimeTypeFor('x.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('x.wasm')).toBe('application/wasm');
  });

  it('serves anything else as opaque bytes, a dot in a folder name included', () => {
    expect(mimeTypeFor('Makefile')).toBe('application/octet-stream');
    expect(mimeTypeFor('x.exe')).toBe('application/octet-stream');
    expect(mimeTypeFor('/srv/app.html/Makefile')).toBe('application/octet-stream');
    expect(mimeTypeFor('C:\\app.js\\README')).toBe('application/octet-stream');
  });
});
