/**
 * window.curation for browser mode: every contract operation becomes POST /api/call/<name> with the launch
 * token, and onEvent reads GET /api/events. Built from operationNames, so a new operation in the contract
 * needs no change here. In Electron the preload provides window.curation instead and this file is unused.
 */
import { operationNames } from '../../shared/api/operation-names.js';
import type { CurationApi, CurationEventListener, OperationName } from '../../shared/api/contract.js';
import { CurationError, isErrorData } from '../../shared/api/errors.js';
import type { CurationErrorCode } from '../../shared/api/errors.js';
import type { CurationEvent } from '../../shared/api/events.js';
import { openEventStream } from './event-stream.js';
import type { EventStreamHandle, EventStreamOptions } from './event-stream.js';

export interface BrowserClientOptions {
  /** Origin of the local service, e.g. "http://127.0.0.1:5173". */
  baseUrl: string;
  /** The launch token; null when the page was opened without one (every call then fails clearly). */
  token: string | null;
  fetch?: typeof fetch;
  /** Passed through to the event stream (backoff, sleep), mainly for tests. */
  eventStream?: Pick<EventStreamOptions, 'initialDelayMs' | 'maxDelayMs' | 'sleep' | 'onDisconnect'>;
}

const unreachable = 'CytoCurator service unreachable';

function codeForStatus(status: number): CurationErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 413) return 'too-large';
  if (status === 400 || status === 422) return 'invalid-request';
  return 'internal';
}

export function createBrowserClient(options: BrowserClientOptions): CurationApi {
  const base = options.baseUrl.replace(/\/+$/, '');
  // Bound so that a method extracted from the options object still has a valid `this` in browsers.
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  function authHeaders(): Record<string, string> {
    return options.token ? { Authorization: `Bearer ${options.token}` } : {};
  }

  async function call(name: OperationName, request: unknown): Promise<unknown> {
    if (!options.token) {
      throw new CurationError({
        code: 'unauthorized',
        message: 'No access token: open the address printed by "cytocurator start --browser" (it ends in #token=…).',
      });
    }
    let response: Response;
    try {
      response = await doFetch(`${base}/api/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { ...authHeaders(), 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(request ?? {}),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (err) {
      const reason = err instanceof Error && err.message ? ` (${err.message})` : '';
      throw new CurationError({
        code: 'internal',
        message: `${unreachable}${reason}: is "cytocurator start" still running?`,
      });
    }

    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new CurationError({
        code: response.ok ? 'internal' : codeForStatus(response.status),
        message: `${name}: the service replied HTTP ${response.status} without a valid JSON body`,
      });
    }

    if (typeof body === 'object' && body !== null) {
      const reply = body as { ok?: unknown; result?: unknown; error?: unknown };
      if (reply.ok === true && response.ok) return reply.result;
      if (reply.ok === false && isErrorData(reply.error)) throw new CurationError(reply.error);
    }
    throw new CurationError({
      code: response.ok ? 'internal' : codeForStatus(response.status),
      message: `${name}: unexpected reply from the service (HTTP ${response.status})`,
    });
  }

  // One shared stream, opened for the first listener and closed after the last one leaves.
  const listeners = new Set<CurationEventListener>();
  let stream: EventStreamHandle | null = null;

  function deliver(event: CurationEvent): void {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (err) {
        // One faulty listener must not silence the others or break the stream.
        console.error('CytoCurator event listener failed', err);
      }
    }
  }

  function onEvent(listener: CurationEventListener): () => void {
    listeners.add(listener);
    if (!stream && options.token) {
      stream = openEventStream({
        ...options.eventStream,
        url: `${base}/api/events`,
        headers: authHeaders,
        fetch: doFetch,
        onEvent: deliver,
      });
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && stream) {
        stream.close();
        stream = null;
      }
    };
  }

  const methods: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const name of operationNames) methods[name] = (request: unknown) => call(name, request);
  // The generic map has exactly one method per operation name, which is what CurationApi describes.
  return Object.freeze({ ...methods, onEvent }) as unknown as CurationApi;
}
