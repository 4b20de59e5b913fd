/**
 * The sync protocol over HTTP(S) (shared/sync/sync-protocol.ts): one keep-alive connection pool, a timeout on every
 * request, and failures sorted into what retrying can fix (the link, the server's own faults) and what it cannot
 * (a refused token, a refused request). The device token goes only into the Authorization header: it is never part
 * of an error message.
 */
import http from 'node:http';
import https from 'node:https';
import type { z } from 'zod';
import type { FileStatus, LoginResponse, PushEventsResponse, PushSamplesResponse, SampleRecord, WireEvent } from '../../shared/sync/sync-protocol.js';
import { SYNC_API, fileBatchResponseSchema, frameFileBatch } from '../../shared/sync/sync-protocol.js';
import type { FileBatchAnswer } from '../../shared/sync/binary-file-batch.js';
import { BINARY_FILE_BATCH_TYPE, batchAnswerProblem, fileBatchAnswerSchema, frameBinaryFileBatch, shortBatchAnswer } from '../../shared/sync/binary-file-batch.js';
import { fileStatusSchema, loginResponseSchema, pullEnvelopeSchema, pushEventsResponseSchema, pushSamplesResponseSchema } from '../../shared/sync/response-schemas.js';

/**
 * network: the server was not reached or did not answer in time (retry later); server: it answered 5xx or 429 or
 * with something that is not the protocol (retry later); auth: the token is missing, wrong or revoked (log in
 * again); refused: the server refused the request for a reason retrying cannot fix (4xx).
 */
export type SyncFailureKind = 'network' | 'server' | 'auth' | 'refused';

export class SyncRequestError extends Error {
  constructor(
    readonly kind: SyncFailureKind,
    message: string,
    readonly status: number | null = null,
    /** The server's own words, when it gave a reason. */
    readonly reason: string | null = null,
  ) {
    super(message);
    this.name = 'SyncRequestError';
  }

  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'server';
  }
}

export interface SyncClientOptions {
  /** The server's base URL (`https://sync.institute.example`); the API lives under /api/v1 below it. */
  serverUrl: string;
  token: string | null;
  /** Longest silence of the connection before a request counts as lost (default 30 s). */
  timeoutMs?: number;
  /** Most sockets kept open to the server (file uploads run in parallel). */
  maxSockets?: number;
}

export interface PulledPage {
  events: { serverSeq: number; serverRevision: number; event: unknown }[];
  last: number;
  more: boolean;
}

export type ChunkOutcome = { accepted: true; file: FileStatus } | { accepted: false; file: FileStatus };

interface RawResponse {
  status: number;
  body: Buffer;
}

/** Plain words from the server's error body ({ message } as CurationErrorData, or text). */
function serverMessage(body: Buffer): string {
  const text = body.toString('utf8').slice(0, 2000);
  try {
    const json = JSON.parse(text) as { message?: unknown; error?: unknown; reason?: unknown; errors?: unknown };
    for (const v of [json.message, json.reason, json.error]) if (typeof v === 'string' && v) return v;
    if (Array.isArray(json.errors)) {
      const first = json.errors[0] as { message?: unknown } | undefined;
      if (first && typeof first.message === 'string') return first.message;
    }
    if (json.error && typeof json.error === 'object' && typeof (json.error as { message?: unknown }).message === 'string') return (json.error as { message: string }).message;
  } catch {
    // not JSON: the text itself
  }
  return text.trim() || 'no reason given';
}

export class SyncClient {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;
  /** Set on every answer from the server (any status): the link works. */
  lastContact: Date | null = null;
  /** Whether the last request reached the server (null before the first). */
  lastReached: boolean | null = null;

  constructor(private readonly options: SyncClientOptions) {
    let url: URL;
    try {
      url = new URL(options.serverUrl);
    } catch {
      throw new SyncRequestError('refused', `invalid server URL "${options.serverUrl}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SyncRequestError('refused', `the server URL must start with https:// (or http:// on a trusted network), got "${options.serverUrl}"`);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${SYNC_API}/`;
    url.search = '';
    url.hash = '';
    this.base = url;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 8 };
    this.agent = url.protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  }

  close(): void {
    this.agent.destroy();
  }

  private url(path: string, query: Record<string, string | number> = {}): URL {
    const u = new URL(path, this.base);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, String(v));
    return u;
  }

  private send(method: string, url: URL, body: Buffer | null, contentType: string | null, auth = true): Promise<RawResponse> {
    const headers: http.OutgoingHttpHeaders = { accept: 'application/json' };
    if (body !== null) {
      headers['content-type'] = contentType ?? 'application/octet-stream';
      headers['content-length'] = body.length;
    }
    if (auth && this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    const lib = url.protocol === 'https:' ? https : http;
    return new Promise<RawResponse>((resolve, reject) => {
      let settled = false;
      const fail = (err: SyncRequestError) => {
        if (settled) return;
        settled = true;
        if (err.kind === 'network') this.lastReached = false;
        req.destroy();
        reject(err);
      };
      const req = lib.request(url, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', () => fail(new SyncRequestError('network', `the connection to the server broke while receiving (${method} ${url.pathname})`)));
        res.on('aborted', () => fail(new SyncRequestError('network', `the connection to the server broke while receiving (${method} ${url.pathname})`)));
        res.on('end', () => {
          if (settled) return;
          if (!res.complete) {
            fail(new SyncRequestError('network', `the server's answer was cut off (${method} ${url.pathname})`));
            return;
          }
          settled = true;
          this.lastContact = new Date();
          this.lastReached = true;
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) });
        });
      });
      // An idle timeout, not a deadline: a 4 MB chunk may take minutes on a ship's link, a silent server may not.
      req.setTimeout(this.timeoutMs, () => fail(new SyncRequestError('network', `the server went silent for ${Math.round(this.timeoutMs / 1000)} s (${method} ${url.pathname})`)));
      req.on('error', (err: NodeJS.ErrnoException) => {
        const why = err.code === 'ECONNREFUSED' ? 'the server refused the connection' : err.code === 'ENOTFOUND' ? 'the server name is unknown' : `the connection failed (${err.code ?? err.message})`;
        fail(new SyncRequestError('network', `${why} (${method} ${url.pathname})`));
      });
      req.end(body ?? undefined);
    });
  }

  private json<T>(method: string, url: URL, payload: unknown, schema: z.ZodType<T>, auth = true): Promise<T> {
    return this.jsonBody(method, url, payload === undefined ? null : Buffer.from(JSON.stringify(payload)), schema, auth);
  }

  private async jsonBody<T>(method: string, url: URL, body: Buffer | null, schema: z.ZodType<T>, auth = true): Promise<T> {
    const res = await this.send(method, url, body, 'application/json', auth);
    this.check(res, method, url);
    return this.parse(res, schema, method, url);
  }

  private check(res: RawResponse, method: string, url: URL): void {
    if (res.status >= 200 && res.status < 300) return;
    const why = serverMessage(res.body);
    if (res.status === 401) throw new SyncRequestError('auth', `the server did not accept this device's token (${why}); log in again`, 401, why);
    if (res.status >= 500 || res.status === 429 || res.status === 408) throw new SyncRequestError('server', `the server answered ${res.status} (${why}) to ${method} ${url.pathname}`, res.status, why);
    throw new SyncRequestError('refused', why, res.status, why);
  }

  private parse<T>(res: RawResponse, schema: z.ZodType<T>, method: string, url: URL): T {
    let json: unknown;
    try {
      json = JSON.parse(res.body.toString('utf8'));
    } catch {
      throw new SyncRequestError('server', `the server's answer to ${method} ${url.pathname} is not JSON`, res.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new SyncRequestError('server', `the server's answer to ${method} ${url.pathname} does not follow the protocol (${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'})`, res.status);
    }
    return parsed.data;
  }

  login(user: string, password: string, device: string): Promise<LoginResponse> {
    return this.json('POST', this.url('login'), { user, password, device }, loginResponseSchema, false);
  }

  pushEvents(events: readonly WireEvent[]): Promise<PushEventsResponse> {
    return this.json('POST', this.url('events'), { events }, pushEventsResponseSchema);
  }

  pullEvents(after: number, limit: number): Promise<PulledPage> {
    return this.json('GET', this.url('events', { after, limit }), undefined, pullEnvelopeSchema);
  }

  pushSamples(samples: readonly SampleRecord[]): Promise<PushSamplesResponse> {
    return this.json('POST', this.url('samples', MISSING_AS_INDEXES), { samples }, pushSamplesResponseSchema);
  }

  /** pushSamples with each record already serialised (the push sized its batches by these strings: 15 kB a record). */
  pushSampleJson(records: readonly string[]): Promise<PushSamplesResponse> {
    return this.jsonBody('POST', this.url('samples', MISSING_AS_INDEXES), Buffer.from(`{"samples":[${records.join(',')}]}`), pushSamplesResponseSchema);
  }

  fileStatus(sha256: string): Promise<FileStatus> {
    return this.json('GET', this.url(`files/${sha256}`), undefined, fileStatusSchema);
  }

  /** Appends bytes at `offset`; when the server holds a different amount it says so (409) and nothing is written. */
  async putChunk(sha256: string, offset: number, size: number, bytes: Buffer): Promise<ChunkOutcome> {
    const url = this.url(`files/${sha256}`, { offset, size });
    const res = await this.send('PUT', url, bytes, 'application/octet-stream');
    if (res.status === 409) {
      const parsed = fileStatusSchema.safeParse(safeJson(res.body));
      if (parsed.success) return { accepted: false, file: parsed.data };
    }
    this.check(res, 'PUT', url);
    return { accepted: true, file: this.parse(res, fileStatusSchema, 'PUT', url) };
  }

  /** False once the server answered 415 to the binary batch form (a server from before it): the JSON-header form then. */
  private binaryBatches = true;

  /**
   * Sends small whole files in one request (`POST files/batch`), in the binary form (binary-file-batch.ts), or the
   * JSON-header form to a server from before it; either way the answer says which files the server already had and
   * which it refused (all others are stored). A server without the endpoint (404, 405) throws a `refused`
   * SyncRequestError with that status.
   */
  async putFileBatch(files: readonly { sha256: string; bytes: Buffer }[]): Promise<FileBatchAnswer> {
    const url = this.url('files/batch');
    if (this.binaryBatches) {
      const framed = frameBinaryFileBatch(files);
      const res = await this.send('POST', url, Buffer.from(framed.buffer, framed.byteOffset, framed.byteLength), BINARY_FILE_BATCH_TYPE);
      if (res.status !== 415) {
        this.check(res, 'POST', url);
        const answer = this.parse(res, fileBatchAnswerSchema, 'POST', url);
        const problem = batchAnswerProblem(answer, files.length);
        if (problem) throw new SyncRequestError('server', `the server's answer to POST ${url.pathname} does not fit the batch sent: ${problem}`, res.status);
        return answer;
      }
      this.binaryBatches = false;
    }
    const framed = frameFileBatch(files);
    const res = await this.send('POST', url, Buffer.from(framed.buffer, framed.byteOffset, framed.byteLength), 'application/octet-stream');
    this.check(res, 'POST', url);
    const answer = this.parse(res, fileBatchResponseSchema, 'POST', url);
    if (answer.results.length !== files.length || answer.results.some((r, i) => r.sha256 !== files[i]!.sha256)) {
      throw new SyncRequestError('server', `the server's answer to POST ${url.pathname} does not list the ${files.length} files sent, in order`, res.status);
    }
    return shortBatchAnswer(answer.results);
  }
}

/** Missing files named by their positions in each record (a server from before this answers by hash: both are taken). */
const MISSING_AS_INDEXES = { missing: 'indexes' };

function safeJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
}
