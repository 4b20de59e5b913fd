/**
 * Reads the browser-mode event stream (GET /api/events) with fetch, because EventSource cannot send the
 * Authorization header. Reconnects with exponential backoff when the stream drops or cannot be opened,
 * so a restarted or briefly busy service does not leave the window deaf to changes.
 */
import type { CurationEvent } from '../../shared/api/events.js';
import { createSseParser } from './sse-parser.js';

export interface EventStreamOptions {
  url: string;
  /** Called for every (re)connection, so a refreshed token is picked up. */
  headers: () => Record<string, string>;
  fetch: typeof fetch;
  onEvent: (event: CurationEvent) => void;
  /** Diagnostics only: a drop is a normal state and is retried. */
  onDisconnect?: (reason: string) => void;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Injectable for tests. Resolves early (without throwing) when the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface EventStreamHandle {
  close(): void;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Accepts anything shaped like an event; unknown future types pass through and are ignored by consumers. */
function parseEvent(data: string): CurationEvent | null {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string') {
      return value as CurationEvent;
    }
  } catch {
    // fall through: a malformed message is skipped, the stream goes on
  }
  return null;
}

export function openEventStream(options: EventStreamOptions): EventStreamHandle {
  const initialDelay = options.initialDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 15_000;
  const sleep = options.sleep ?? abortableSleep;
  const controller = new AbortController();
  const { signal } = controller;

  async function readOnce(): Promise<{ connected: boolean; retryMs: number | undefined }> {
    const parser = createSseParser();
    let connected = false;
    try {
      const response = await options.fetch(options.url, {
        method: 'GET',
        headers: { ...options.headers(), Accept: 'text/event-stream' },
        cache: 'no-store',
        credentials: 'omit',
        signal,
      });
      if (!response.ok || !response.body) {
        options.onDisconnect?.(`event stream refused: HTTP ${response.status}`);
        return { connected, retryMs: parser.retryMs };
      }
      connected = true;
      const reader = response.body.getReader();
      // Closing must also end a pending read, whatever fetch implementation produced the body.
      const cancel = () => void reader.cancel().catch(() => undefined);
      signal.addEventListener('abort', cancel, { once: true });
      const decoder = new TextDecoder();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done || signal.aborted) break;
          for (const message of parser.push(decoder.decode(value, { stream: true }))) {
            const event = parseEvent(message.data);
            if (event) options.onEvent(event);
          }
        }
      } finally {
        signal.removeEventListener('abort', cancel);
      }
      if (!signal.aborted) options.onDisconnect?.('event stream ended');
    } catch (err) {
      if (!signal.aborted) options.onDisconnect?.(`event stream failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    return { connected, retryMs: parser.retryMs };
  }

  async function run(): Promise<void> {
    let delay = initialDelay;
    while (!signal.aborted) {
      const { connected, retryMs } = await readOnce();
      if (signal.aborted) return;
      // A stream that was open and then dropped retries promptly; repeated failures back off.
      if (connected) delay = initialDelay;
      await sleep(retryMs ?? delay, signal);
      if (!connected) delay = Math.min(delay * 2, maxDelay);
    }
  }

  void run();
  return {
    close() {
      controller.abort();
    },
  };
}
