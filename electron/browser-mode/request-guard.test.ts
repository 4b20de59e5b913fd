import { describe, expect, it } from 'vitest';
import { checkApiRequest, tokenMatches } from './request-guard.js';

const token = 'a'.repeat(43);
const base = {
  method: 'POST',
  host: '127.0.0.1:5000',
  origin: 'http://127.0.0.1:5000',
  secFetchSite: 'same-origin',
  authorization: `Bearer ${token}`,
};

describe('browser-mode request guard', () => {
  it('accepts our own page with the token', () => {
    expect(checkApiRequest(base, token, 5000)).toEqual({ ok: true });
    expect(checkApiRequest({ ...base, origin: undefined, secFetchSite: undefined }, token, 5000)).toEqual({ ok: true });
    expect(checkApiRequest({ ...base, host: 'localhost:5000', origin: 'http://localhost:5000' }, token, 5000).ok).toBe(true);
  });

  it('refuses a missing or wrong token with 401', () => {
    expect(checkApiRequest({ ...base, authorization: undefined }, token, 5000)).toMatchObject({ ok: false, status: 401 });
    expect(checkApiRequest({ ...base, authorization: `Bearer ${'b'.repeat(43)}` }, token, 5000)).toMatchObject({ status: 401 });
    expect(checkApiRequest({ ...base, authorization: `Bearer ${token}x` }, token, 5000)).toMatchObject({ status: 401 });
    expect(checkApiRequest({ ...base, authorization: token }, token, 5000)).toMatchObject({ status: 401 });
  });

  it('refuses other origins, other hosts (DNS rebinding) and cross-site fetches with 403', () => {
    expect(checkApiRequest({ ...base, origin: 'http://evil.example' }, token, 5000)).toMatchObject({ status: 403 });
    expect(checkApiRequest({ ...base, origin: 'http://127.0.0.1:5001' }, token, 5000)).toMatchObject({ status: 403 });
    expect(checkApiRequest({ ...base, origin: 'null' }, token, 5000)).toMatchObject({ status: 403 });
    expect(checkApiRequest({ ...base, host: 'evil.example:5000' }, token, 5000)).toMatchObject({ status: 403 });
    expect(checkApiRequest({ ...base, host: undefined }, token, 5000)).toMatchObject({ status: 403 });
    expect(checkApiRequest({ ...base, secFetchSite: 'cross-site' }, token, 5000)).toMatchObject({ status: 403 });
  });

  it('compares tokens exactly', () => {
    expect(tokenMatches(token, `Bearer ${token}`)).toBe(true);
    expect(tokenMatches(token, `bearer ${token}`)).toBe(false);
    expect(tokenMatches(token, 'Bearer ')).toBe(false);
  });
});
