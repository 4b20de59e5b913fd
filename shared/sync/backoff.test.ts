import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  const policy = { baseMs: 100, maxMs: 1000 };
  it('doubles per attempt, draws the upper half at random, and never exceeds the cap', () => {
    // random 0 → exactly half of base·2^attempt; random just under 1 → the whole of it.
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, policy, () => 0))).toEqual([50, 100, 200, 400]);
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, policy, () => 0.999999))).toEqual([100, 200, 400, 800]);
    expect(backoffDelay(4, policy, () => 0)).toBe(500); // 1600 capped at 1000, half of it
    expect(backoffDelay(60, policy, () => 0.999999)).toBe(1000);
    expect(backoffDelay(-3, policy, () => 0)).toBe(50);
  });
});
