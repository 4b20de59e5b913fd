import { describe, expect, it, vi } from 'vitest';
import { operationNames } from '../../shared/api/contract.js';
import { CurationError } from '../../shared/api/errors.js';
import type { CurationEvent } from '../../shared/api/events.js';
import { createBrowserClient } from './browser-client.js';

interface Recorded {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

type Handler = (req: Recorded) => Response | Promise<Response>;

/** A fetch that records requests and answers from a handler, like the browser-mode server would. */
function fakeFetch(handler: Handler) {
  const requests: Recorded[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => (headers[key] = value));
    const req: Recorded = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? init.body : undefined,
    };
    requests.push(req);
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return handler(req);
  });
  return { fetch: fn as unknown as typeof fetch, requests };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const base = 'http://127.0.0.1:4321';
const token = 'tok_ABC-123_xyz';

describe('createBrowserClient calls', () => {
  it('has one method per contract operation plus onEvent', () => {
    const client = createBrowserClient({ baseUrl: base, token, fetch: fakeFetch(() => json(200, {})).fetch });
    for (const name of operationNames) expect(typeof client[name]).toBe('function');
    expect(typeof client.onEvent).toBe('function');
  });

  it('POSTs the request as JSON with the bearer token and returns the result', async () => {
    const page = { total: 1, offset: 0, rows: [] };
    const fake = fakeFetch(() => json(200, { ok: true, result: page }));
    const client = createBrowserClient({ baseUrl: `${base}/`, token, fetch: fake.fetch });
    const request = { offset: 0, limit: 50, sort: [{ field: 'name' as const, direction: 'asc' as const }] };
    await expect(client.listSamples(request)).resolves.toEqual(page);
    const sent = fake.requests[0];
    expect(sent?.url).toBe(`${base}/api/call/listSamples`);
    expect(sent?.method).toBe('POST');
    expect(sent?.headers['authorization']).toBe(`Bearer ${token}`);
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(sent?.body ?? 'null')).toEqual(request);
  });

  it('sends {} for operations without a request body', async () => {
    const fake = fakeFetch(() => json(200, { ok: true, result: { dismissed: true } }));
    const client = createBrowserClient({ baseUrl: base, token, fetch: fake.fetch });
    await client.dismissDemoOffer({});
    expect(fake.requests[0]?.body).toBe('{}');
  });

  it('throws the service error as a CurationError with code, message and field', async () => {
    const fake = fakeFetch(() =>
      json(400, { ok: false, error: { code: 'invalid-request', message: 'listSamples: too big', field: 'limit' } }),
    );
    const client = createBrowserClient({ baseUrl: base, token, fetch: fake.fetch });
    const err = await client.listSamples({ limit: 5000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CurationError);
    expect(err).toMatchObject({ code: 'invalid-request', message: 'listSamples: too big', field: 'limit' });
  });

  it('reports a network failure as "service unreachable"', async () => {
    const fake = fakeFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const client = createBrowserClient({ baseUrl: base, token, fetch: fake.fetch });
    const err = await client.getStatus({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CurationError);
    expect(err).toMatchObject({ code: 'internal' });
    expect((err as Error).message).toContain('CytoCurator service unreachable');
  });

  it('maps a non-JSON error reply to a code from the HTTP status', async () => {
    const fake = fakeFetch(() => new Response('nope', { status: 401 }));
    const client = createBrowserClient({ baseUrl: base, token, fetch: fake.fetch });
    await expect(client.getStatus({})).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('rejects a malformed success reply', async () => {
    const fake = fakeFetch(() => json(200, { result: 1 }));
    const client = createBrowserClient({ baseUrl: base, token, fetch: fake.fetch });
    await expect(client.getStatus({})).rejects.toMatchObject({ code: 'internal' });
  });

  it('fails clearly without calling the service when there is no token', async () => {
    const fake = fakeFetch(() => json(200, { ok: true, result: null }));
    const client = createBrowserClient({ baseUrl: base, token: null, fetch: fake.fetch });
    await expect(client.getStatus({})).rejects.toMatchObject({ code: 'unauthorized' });
    expect(fake.requests).toHaveLength(0);
  });
});

/** A controllable text/event-stream body. */
function sseBody() {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return {
    stream,
    send: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
  };
}

async function waitFor(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (predicate()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('createBrowserClient events', () => {
  const libraryChanged: CurationEvent = {
    type: 'library-changed',
    library: {
      path: '/tmp/lib',
      name: 'Demo',
      kind: 'demo',
      readOnly: true,
      isDefault: false,
      sampleCount: 4,
      schemaVersion: 1,
    },
  };

  it('reads SSE with the token, skips keep-alives and delivers parsed events', async () => {
    const body = sseBody();
    const fake = fakeFetch(() => new Response(body.stream, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }));
    const client = createBrowserClient({ baseUrl: base, token, fetch: fake.fetch });
    const received: CurationEvent[] = [];
    const off = client.onEvent((e) => received.push(e));
    await waitFor(() => fake.requests.length === 1, 'the stream request');
    expect(fake.requests[0]?.url).toBe(`${base}/api/events`);
    expect(fake.requests[0]?.method).toBe('GET');
    expect(fake.requests[0]?.headers['authorization']).toBe(`Bearer ${token}`);

    const text = `: keep-alive\n\ndata: ${JSON.stringify(libraryChanged)}\n\ndata: not json\n\n`;
    body.send(text.slice(0, 20));
    body.send(text.slice(20));
    await waitFor(() => received.length === 1, 'one event');
    expect(received[0]).toEqual(libraryChanged);
    off();
  });

  it('shares one stream between listeners and isolates a throwing listener', async () => {
    const body = sseBody();
    const fake = fakeFetch(() => new Response(body.stream, { status: 200 }));
    const client = createBrowserClient({ baseUrl: base, token, fetch: fake.fetch });
    const good: CurationEvent[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const offBad = client.onEvent(() => {
      throw new Error('boom');
    });
    const offGood = client.onEvent((e) => good.push(e));
    await waitFor(() => fake.requests.length === 1, 'the stream request');
    body.send(`data: ${JSON.stringify(libraryChanged)}\n\n`);
    await waitFor(() => good.length === 1, 'delivery to the good listener');
    expect(fake.requests).toHaveLength(1);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
    offBad();
    offGood();
  });

  it('reconnects with growing backoff after failures, and resets it after a good connection', async () => {
    const delays: number[] = [];
    let attempt = 0;
    const bodies: ReturnType<typeof sseBody>[] = [];
    const fake = fakeFetch(() => {
      attempt++;
      if (attempt <= 3) throw new TypeError('Failed to fetch');
      const body = sseBody();
      bodies.push(body);
      return new Response(body.stream, { status: 200 });
    });
    const client = createBrowserClient({
      baseUrl: base,
      token,
      fetch: fake.fetch,
      eventStream: {
        initialDelayMs: 100,
        maxDelayMs: 250,
        sleep: async (ms) => {
          delays.push(ms);
        },
      },
    });
    const received: CurationEvent[] = [];
    const off = client.onEvent((e) => received.push(e));
    await waitFor(() => bodies.length === 1, 'a successful connection');
    expect(delays).toEqual([100, 200, 250]);

    // The connection drops after one event: the next attempt comes after the initial delay again.
    bodies[0]?.send(`data: ${JSON.stringify(libraryChanged)}\n\n`);
    bodies[0]?.end();
    await waitFor(() => bodies.length === 2, 'a reconnection');
    expect(delays).toEqual([100, 200, 250, 100]);
    expect(received).toHaveLength(1);
    off();
  });

  it('closes the stream when the last listener unsubscribes', async () => {
    let signal: AbortSignal | undefined;
    const body = sseBody();
    const fn = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
      signal = init?.signal ?? undefined;
      return new Response(body.stream, { status: 200 });
    });
    const client = createBrowserClient({ baseUrl: base, token, fetch: fn as unknown as typeof fetch });
    const off = client.onEvent(() => undefined);
    await waitFor(() => signal !== undefined, 'the stream request');
    expect(signal?.aborted).toBe(false);
    off();
    expect(signal?.aborted).toBe(true);
  });
});
