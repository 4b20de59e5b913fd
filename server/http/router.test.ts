import { describe, expect, it } from 'vitest';
import type { HttpError } from './http-error.js';
import { LoginThrottle } from './login-throttle.js';
import { Router } from './router.js';

describe('router and login throttle', () => {
  const noop = async () => undefined;
  const router = new Router().add('GET', '/api/v1/files/:sha256', noop).add('PUT', '/api/v1/files/:sha256', noop).add('POST', '/api/v1/events', noop);
  const status = (method: string, url: string) => {
    try {
      router.match(method, url);
      return 200;
    } catch (err) {
      return (err as HttpError).status;
    }
  };

  it('matches raw segments, never decoding or normalising them', () => {
    expect(router.match('GET', '/api/v1/files/abc?x=1').params).toEqual({ sha256: 'abc' });
    expect(router.match('GET', '/api/v1/files/..%2F..%2Fetc').params).toEqual({ sha256: '..%2F..%2Fetc' });
    expect(router.match('GET', '/api/v1/files/x').query.get('x')).toBeNull();
    expect(status('GET', '/api/v1/files/../../etc/passwd')).toBe(404);
    expect(status('GET', '/api/v1//files/abc')).toBe(404);
    expect(status('GET', '/api/v1/files/abc/')).toBe(200);
    expect(status('DELETE', '/api/v1/files/abc')).toBe(405);
    expect(status('GET', '/api/v1/events')).toBe(405);
    expect(status('GET', '/')).toBe(404);
    try {
      router.match('DELETE', '/api/v1/files/abc');
    } catch (err) {
      expect((err as HttpError).headers).toEqual({ Allow: 'GET, PUT' });
    }
  });

  it('throttles a user name after ten failures in the window, and forgets on success or after the window', () => {
    let now = 1_000_000;
    const t = new LoginThrottle(10, 60_000, () => now);
    for (let i = 0; i < 9; i++) t.failed('ana');
    expect(t.retryAfter('ana')).toBe(0);
    t.failed('ana');
    expect(t.retryAfter('ana')).toBe(60);
    expect(t.retryAfter('ben')).toBe(0);
    now += 30_000;
    expect(t.retryAfter('ana')).toBe(30);
    now += 30_001;
    expect(t.retryAfter('ana')).toBe(0);
    for (let i = 0; i < 10; i++) t.failed('ana');
    t.succeeded('ana');
    expect(t.retryAfter('ana')).toBe(0);
  });
});
