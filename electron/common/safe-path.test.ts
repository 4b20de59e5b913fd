import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside } from './safe-path.js';

const root = path.resolve('/srv/app');

describe('resolveInside', () => {
  it('maps ordinary paths inside the root', () => {
    expect(resolveInside(root, '/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveInside(root, 'assets/a%20b.js')).toBe(path.join(root, 'assets', 'a b.js'));
    expect(resolveInside(root, '/')).toBe(root);
  });

  it.each([
    '../etc/passwd',
    '/../../etc/passwd',
    '%2e%2e/%2e%2e/etc/passwd',
    'assets/../../secret',
    '..%2f..%2fsecret',
    '..\\..\\secret',
    '%5c..%5csecret',
    'a%00.html',
    '%E0%A4%A', // malformed encoding
    'C:/Windows/win.ini',
    '/srv/app-evil/x',
  ])('refuses %s', (p) => {
    const r = resolveInside(root, p);
    if (r !== null) {
      // A path that resolves must still be inside root (e.g. '/srv/app-evil/x' becomes root/srv/app-evil/x).
      expect(r.startsWith(root + path.sep)).toBe(true);
    } else {
      expect(r).toBeNull();
    }
  });

  it('refuses parent traversal outright', () => {
    expect(resolveInside(root, '../etc/passwd')).toBeNull();
    expect(resolveInside(root, '%2e%2e/x')).toBeNull();
    expect(resolveInside(root, 'a/../../x')).toBeNull();
    expect(resolveInside(root, '..%5cx')).toBeNull();
  });
});
