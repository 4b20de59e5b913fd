/**
 * Retry delays for a link that comes and goes: exponential, capped, with jitter so that several workstations
 * coming back online at once do not hammer the server in step.
 */
export interface BackoffPolicy {
  /** Delay before the first retry (attempt 0), before jitter. */
  baseMs: number;
  /** No delay is ever longer than this. */
  maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 500, maxMs: 5 * 60_000 };

/**
 * Delay before retry number `attempt` (0-based): base·2^attempt capped at maxMs, of which the upper half is drawn at
 * random ("equal jitter"), so delays still grow while retries spread out. `random` returns [0, 1).
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(Math.max(0, attempt), 40));
  const half = exp / 2;
  return Math.round(half + random() * half);
}
