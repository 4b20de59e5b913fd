/**
 * Retrying what the link or the server's own faults broke: exponential backoff with jitter, a bounded number of
 * tries per request within one sync run. What retrying cannot fix (a refusal, a bad token) is not retried.
 */
import type { BackoffPolicy } from '../../shared/sync/backoff.js';
import { backoffDelay } from '../../shared/sync/backoff.js';
import { SyncRequestError } from './sync-client.js';

export interface Retrier {
  <T>(request: () => Promise<T>): Promise<T>;
  /** When the next try should be made after the last failure (for the queue's next_attempt_at). */
  nextAttemptAt(): string;
}

export interface RetryOptions {
  backoff: BackoffPolicy;
  /** Tries per request in one run, the first included. */
  tries: number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  signal?: AbortSignal;
  /** Called with each retryable failure (to note that the server was not reached). */
  onFailure?: (err: SyncRequestError) => void;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function makeRetrier(options: RetryOptions): Retrier {
  let failures = 0;
  const retrier = async <T>(request: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      if (options.signal?.aborted) throw new SyncRequestError('network', 'sync was cancelled');
      try {
        const value = await request();
        failures = 0;
        return value;
      } catch (err) {
        if (!(err instanceof SyncRequestError) || !err.retryable) throw err;
        failures++;
        options.onFailure?.(err);
        if (attempt + 1 >= options.tries) throw err;
        await options.sleep(backoffDelay(attempt, options.backoff, options.random));
      }
    }
  };
  retrier.nextAttemptAt = () => new Date(Date.now() + backoffDelay(Math.max(0, failures - 1), options.backoff, options.random)).toISOString();
  return retrier as Retrier;
}
