import { describe, expect, it } from 'vitest';
import { takeLaunchToken, tokenStorageKey } from './session-token.js';

function env(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>();
  if (stored !== null) storage.set(tokenStorageKey, stored);
  const replaced: string[] = [];
  return {
    storage,
    replaced,
    env: {
      location: { hash, pathname: '/', search: '' },
      storage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) },
      history: { state: null, replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) },
    },
  };
}

describe('takeLaunchToken', () => {
  it('takes the token from the hash, stores it and removes it from the address', () => {
    const t = env('#token=Abc_123-xyz456');
    expect(takeLaunchToken(t.env)).toBe('Abc_123-xyz456');
    expect(t.storage.get(tokenStorageKey)).toBe('Abc_123-xyz456');
    expect(t.replaced).toEqual(['/']);
  });

  it('keeps other hash parameters', () => {
    const t = env('#token=Abc_123-xyz456&view=samples');
    takeLaunchToken(t.env);
    expect(t.replaced).toEqual(['/#view=samples']);
  });

  it('falls back to the stored token after a reload', () => {
    const t = env('', 'Stored_token_1');
    expect(takeLaunchToken(t.env)).toBe('Stored_token_1');
    expect(t.replaced).toEqual([]);
  });

  it('ignores a malformed token', () => {
    const t = env('#token=<script>');
    expect(takeLaunchToken(t.env)).toBeNull();
    expect(t.replaced).toEqual(['/']);
  });
});
