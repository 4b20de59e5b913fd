import { describe, expect, it } from 'vitest';
import { operationNames } from './contract.js';
import type { CurationApi } from './contract.js';
import { dispatch, validateRequest } from './dispatch.js';
import { CurationError } from './errors.js';

describe('contract validation', () => {
  it('fills defaults and accepts valid requests', () => {
    expect(validateRequest('listSamples', {})).toEqual({ offset: 0, limit: 100, sort: [] });
    expect(validateRequest('listSamples', { sort: [{ field: 'startedAt', direction: 'desc' }] }).sort).toHaveLength(1);
    expect(validateRequest('openLibrary', { which: 'path', path: '/tmp/x' })).toEqual({ which: 'path', path: '/tmp/x' });
    expect(validateRequest('getStatus', undefined)).toEqual({});
  });

  it.each([
    ['listSamples', { limit: 0 }, 'limit'],
    ['listSamples', { limit: 1001 }, 'limit'],
    ['listSamples', { offset: -1 }, 'offset'],
    ['listSamples', { offset: 1.5 }, 'offset'],
    ['listSamples', { sort: [{ field: 'name; DROP TABLE samples', direction: 'asc' }] }, 'sort.0.field'],
    ['listSamples', { extra: 1 }, undefined],
    ['getSample', {}, 'id'],
    ['getSample', { id: '' }, 'id'],
    ['openLibrary', { which: 'path' }, 'path'],
    ['getStatus', { x: 1 }, undefined],
  ] as const)('%s rejects %j naming the field', (name, request, field) => {
    try {
      validateRequest(name, request);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CurationError);
      expect((err as CurationError).code).toBe('invalid-request');
      if (field) expect((err as CurationError).field).toBe(field);
    }
  });

  it('dispatch refuses unknown and inherited operation names before calling anything', async () => {
    const calls: string[] = [];
    const api = Object.fromEntries(
      operationNames.map((n) => [n, async (r: unknown) => { calls.push(n); return r; }]),
    ) as unknown as CurationApi;
    for (const name of ['nope', 'toString', '__proto__', 'constructor', 42]) {
      await expect(dispatch(api, name, {})).rejects.toMatchObject({ code: 'unknown-operation' });
    }
    await expect(dispatch(api, 'getSample', { id: 5 })).rejects.toMatchObject({ code: 'invalid-request', field: 'id' });
    expect(calls).toEqual([]);
    await expect(dispatch(api, 'getSample', { id: 'cs-1' })).resolves.toEqual({ id: 'cs-1' });
  });
});

describe('operation names', () => {
  it('lists exactly the contract operations, in the same order', async () => {
    const { operations } = await import('./contract.js');
    const { operationNames: names } = await import('./operation-names.js');
    expect([...names]).toEqual(Object.keys(operations));
  });
});
