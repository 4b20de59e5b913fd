import { describe, expect, it } from 'vitest';
import { CurationError, toErrorData } from '../../shared/api/errors.js';
import { toReply, unwrapReply } from './ipc-envelope.js';

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

describe('toReply', () => {
  it('wraps a result', async () => {
    expect(await toReply(async () => ({ a: 1 }))).toEqual({ ok: true, result: { a: 1 } });
  });

  it('keeps every field of a CurationError', async () => {
    const reply = await toReply(async () => {
      throw new CurationError({ code: 'invalid-input', message: 'bad header', file: 'a.fcs', line: 3, field: 'x' });
    });
    expect(reply).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'bad header', file: 'a.fcs', line: 3, field: 'x' },
    });
  });

  it('turns any other throw into internal error data without a stack', async () => {
    const reply = await toReply(async () => {
      throw new TypeError('boom');
    });
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });
});

describe('unwrapReply', () => {
  it('returns the result', () => {
    expect(unwrapReply({ ok: true, result: [1, 2] })).toEqual([1, 2]);
    expect(unwrapReply({ ok: true, result: undefined })).toBeUndefined();
  });

  it('throws plain error data that survives contextBridge copying', () => {
    const e = thrownBy(() => unwrapReply({ ok: false, error: { code: 'not-found', message: 'no sample 7', field: 'id' } }));
    expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
    expect(e).toEqual({ name: 'CurationError', code: 'not-found', message: 'no sample 7', field: 'id' });
    // The renderer's usual path, toErrorData, keeps the code.
    expect(toErrorData(e)).toMatchObject({ code: 'not-found', message: 'no sample 7' });
  });

  it.each([null, undefined, 'x', {}, { ok: false }, { ok: false, error: 'oops' }, { ok: 'yes' }])(
    'refuses a malformed reply %j',
    (reply) => {
      expect(thrownBy(() => unwrapReply(reply))).toMatchObject({ code: 'internal' });
    },
  );
});
