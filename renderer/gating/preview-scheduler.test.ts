import { describe, expect, it } from 'vitest';
import { manualTimers } from './manual-timers.js';
import { createPreviewScheduler } from './preview-scheduler.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('preview scheduler', () => {
  it('waits for a pause of 150 ms and sends only the latest request', async () => {
    const timers = manualTimers();
    const calls: number[] = [];
    const results: [string, number][] = [];
    const s = createPreviewScheduler<number, string>({ run: async (r) => (calls.push(r), `counts ${r}`), onResult: (res, r) => results.push([res, r]), onError: () => undefined, timers });
    s.request(1);
    timers.advance(100);
    s.request(2);
    timers.advance(100);
    expect(calls).toEqual([]);
    timers.advance(50);
    expect(calls).toEqual([2]);
    await flush();
    expect(results).toEqual([['counts 2', 2]]);
  });

  it('still asks every 400 ms during a long drag', () => {
    const timers = manualTimers();
    const calls: number[] = [];
    const s = createPreviewScheduler<number, number>({ run: async (r) => (calls.push(r), r), onResult: () => undefined, onError: () => undefined, timers });
    for (let i = 1; i <= 30; i++) {
      s.request(i);
      timers.advance(30); // a move every 30 ms for 900 ms
    }
    // request i is made at (i − 1)·30 ms. First call at 400 ms (request 14, made at 390 ms); the next waits from
    // request 15 (420 ms) to 820 ms (request 28, made at 810 ms); the last one 150 ms after request 30 (870 ms)
    expect(calls).toEqual([14, 28]);
    timers.advance(200);
    expect(calls).toEqual([14, 28, 30]);
  });

  it('drops an answer once a newer call has been made, whatever the order of the answers', async () => {
    const timers = manualTimers();
    const answers = new Map<number, ReturnType<typeof deferred<string>>>();
    const results: string[] = [];
    const errors: unknown[] = [];
    const s = createPreviewScheduler<number, string>({
      run: (r) => {
        const d = deferred<string>();
        answers.set(r, d);
        return d.promise;
      },
      onResult: (res) => results.push(res),
      onError: (e) => errors.push(e),
      timers,
    });
    s.request(1);
    timers.advance(150);
    s.request(2);
    timers.advance(150);
    answers.get(2)!.resolve('second');
    await flush();
    answers.get(1)!.resolve('first (stale)');
    await flush();
    expect(results).toEqual(['second']);
    s.request(3);
    timers.advance(150);
    answers.get(3)!.reject(new Error('no column'));
    await flush();
    expect(errors).toHaveLength(1);
    s.request(4);
    timers.advance(150);
    s.cancel();
    answers.get(4)!.resolve('after cancel');
    await flush();
    expect(results).toEqual(['second']);
  });
});
