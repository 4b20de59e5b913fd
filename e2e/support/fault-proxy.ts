/**
 * A faulty link for sync tests: an HTTP proxy on 127.0.0.1 between the sync client and the server that, driven by a
 * seeded PRNG, delays requests, drops them (before or after the server saw them), sends them twice, cuts them
 * mid-body (the request on its way to the server, or the answer on its way back) and stalls. The same seed gives
 * the same decisions for the same sequence of requests, so a failing run can be replayed (SYNC_FAULT_SEED). Bounded:
 * at most `maxFaults` faults in all, after which every request passes; loopback only.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { seededRandom } from '../../shared/random/seeded-random.js';

export const faults = ['delay', 'drop-request', 'drop-response', 'duplicate', 'cut-request', 'cut-response', 'stall'] as const;
export type Fault = (typeof faults)[number];
export type FaultRates = Record<Fault, number>;

export const defaultRates: FaultRates = {
  delay: 0.08,
  'drop-request': 0.03,
  'drop-response': 0.04,
  duplicate: 0.04,
  'cut-request': 0.03,
  'cut-response': 0.03,
  stall: 0.005,
};

export { seededRandom } from '../../shared/random/seeded-random.js';

/** The seed from the environment variable (to replay a failure), or a new one. */
export function faultSeed(variable = 'SYNC_FAULT_SEED'): number {
  const raw = process.env[variable];
  if (raw !== undefined && raw !== '') {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${variable} must be a whole number, got "${raw}"`);
    return n;
  }
  return Math.floor(Math.random() * 2 ** 31);
}

export interface FaultProxyOptions {
  /** Where requests go (a function: the server may come back on another port after a restart). */
  target: () => { host: string; port: number };
  seed: number;
  rates?: Partial<FaultRates>;
  maxDelayMs?: number;
  /** Faults in all before the link turns good (bounds the test). */
  maxFaults?: number;
  /** How long a stalled request is held before its connection is cut (the client should give up first). */
  stallMs?: number;
  /** Decides instead of the PRNG (deterministic unit tests): null = pass. */
  decide?: (n: number, req: { method: string; url: string }) => Fault | null;
  /** Called for every request, numbered from 1, before it is handled (e.g. to kill the server at request N). */
  onRequest?: (n: number, req: { method: string; url: string }) => Promise<void> | void;
}

export interface FaultProxy {
  url: string;
  port: number;
  /** Faults injected, by kind, and requests seen. */
  stats: Record<Fault, number> & { requests: number; forwarded: number; upstreamErrors: number };
  close(): Promise<void>;
}

const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

function headersFrom(h: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined && !hopByHop.has(k)) out[k] = v;
  return out;
}

interface Answer {
  status: number;
  headers: http.OutgoingHttpHeaders;
  body: Buffer;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const random = seededRandom(options.seed);
  const rates = { ...defaultRates, ...(options.rates ?? {}) };
  const maxDelay = options.maxDelayMs ?? 150;
  const stallMs = options.stallMs ?? 10_000;
  let budget = options.maxFaults ?? 200;
  let n = 0;
  const stats = { requests: 0, forwarded: 0, upstreamErrors: 0, ...Object.fromEntries(faults.map((f) => [f, 0])) } as FaultProxy['stats'];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  function choose(req: { method: string; url: string }): { fault: Fault | null; delay: number; cutAt: number } {
    // The PRNG is drawn the same number of times for every request, so decisions depend only on the request number.
    const roll = random();
    const delay = random() * maxDelay;
    const cutAt = random();
    if (options.decide) return { fault: options.decide(n, req), delay, cutAt };
    if (budget <= 0) return { fault: null, delay, cutAt };
    let acc = 0;
    for (const f of faults) {
      acc += rates[f];
      if (roll < acc) return { fault: f, delay, cutAt };
    }
    return { fault: null, delay, cutAt };
  }

  /** Sends the request upstream; `cut` sends only part of the body and then breaks the connection. */
  function forward(method: string, url: string, headers: http.OutgoingHttpHeaders, body: Buffer, cut: number | null): Promise<Answer> {
    const { host, port } = options.target();
    return new Promise<Answer>((resolve, reject) => {
      const up = http.request({ host, port, method, path: url, headers: { ...headers, 'content-length': body.length }, agent: cut === null ? agent : false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: headersFrom(res.headers), body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      up.on('error', reject);
      if (cut === null) {
        up.end(body);
        return;
      }
      up.write(body.subarray(0, Math.floor(body.length * cut)), () => {
        setTimeout(() => {
          up.destroy();
          reject(new Error('cut'));
        }, 5);
      });
    });
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const info = { method: req.method ?? 'GET', url: req.url ?? '/' };
        n++;
        stats.requests++;
        await options.onRequest?.(n, info);
        const { fault, delay, cutAt } = choose(info);
        if (fault !== null && !options.decide) budget--;
        if (fault !== null) stats[fault]++;
        const headers = headersFrom(req.headers);
        const reply = (a: Answer) => {
          if (res.destroyed) return;
          res.writeHead(a.status, { ...a.headers, 'content-length': a.body.length });
          res.end(a.body);
        };
        try {
          switch (fault) {
            case 'drop-request':
              res.destroy();
              return;
            case 'stall':
              await wait(stallMs);
              res.destroy();
              return;
            case 'cut-request':
              await forward(info.method, info.url, headers, body, cutAt).catch(() => undefined);
              res.destroy();
              return;
            case 'delay':
              await wait(delay);
              break;
            default:
              break;
          }
          let answer = await forward(info.method, info.url, headers, body, null);
          stats.forwarded++;
          if (fault === 'duplicate') {
            answer = await forward(info.method, info.url, headers, body, null);
            stats.forwarded++;
          }
          if (fault === 'drop-response') {
            res.destroy();
            return;
          }
          if (fault === 'cut-response') {
            if (res.destroyed) return;
            res.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length });
            res.write(answer.body.subarray(0, Math.floor(answer.body.length * cutAt)));
            setTimeout(() => res.destroy(), 5);
            return;
          }
          reply(answer);
        } catch {
          // The server is down or broke the connection: so does the link.
          stats.upstreamErrors++;
          res.destroy();
        }
      })();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats,
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
