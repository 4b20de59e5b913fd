/**
 * Live counts while a gate is edited: requests are debounced (a pause of `delayMs` after the last change, or at
 * least every `maxWaitMs` during a long drag, so counts keep up while the mouse moves), and the latest call wins:
 * the answer to a call is dropped once a newer call has been issued, whatever order the answers arrive in.
 */
export interface PreviewTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const realTimers: PreviewTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  now: () => Date.now(),
};

export interface PreviewScheduler<Req> {
  /** Asks for counts of `request` (replacing any request still waiting). */
  request(request: Req): void;
  /** Drops the waiting request and any answer still to come. */
  cancel(): void;
}

export interface PreviewOptions<Req, Res> {
  run(request: Req): Promise<Res>;
  /** The answer of the newest call so far, with the request it answers. */
  onResult(result: Res, request: Req): void;
  onError(error: unknown, request: Req): void;
  delayMs?: number;
  maxWaitMs?: number;
  timers?: PreviewTimers;
}

export const PREVIEW_DELAY_MS = 150;
export const PREVIEW_MAX_WAIT_MS = 400;

export function createPreviewScheduler<Req, Res>(options: PreviewOptions<Req, Res>): PreviewScheduler<Req> {
  const timers = options.timers ?? realTimers;
  const delay = options.delayMs ?? PREVIEW_DELAY_MS;
  const maxWait = options.maxWaitMs ?? PREVIEW_MAX_WAIT_MS;
  let timer: unknown = null;
  let waiting: { request: Req; since: number } | null = null;
  let issued = 0;
  let epoch = 0;

  const fire = () => {
    timer = null;
    const pending = waiting;
    waiting = null;
    if (!pending) return;
    const call = ++issued;
    const myEpoch = epoch;
    options.run(pending.request).then(
      (result) => {
        if (myEpoch !== epoch || call !== issued) return;
        options.onResult(result, pending.request);
      },
      (error: unknown) => {
        if (myEpoch !== epoch || call !== issued) return;
        options.onError(error, pending.request);
      },
    );
  };

  return {
    request(request) {
      const now = timers.now();
      const since = waiting ? waiting.since : now;
      waiting = { request, since };
      if (timer !== null) timers.clearTimeout(timer);
      const wait = Math.max(0, Math.min(delay, since + maxWait - now));
      timer = timers.setTimeout(fire, wait);
    },
    cancel() {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      waiting = null;
      epoch++;
    },
  };
}
