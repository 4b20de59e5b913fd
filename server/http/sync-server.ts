import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FileBatchResponse, FileChunkResponse, MissingFilesForm, FileStatus, LoginResponse, PullEventsResponse, PushEventsResponse, PushSamplesResponse, Role, ServerInfo } from '../../shared/sync/sync-protocol.js';
import { MAX_CHUNK_BYTES, MAX_JSON_BODY_BYTES, SYNC_API, loginRequest, pushEventsRequest, pushSamplesRequest, sha256Schema } from '../../shared/sync/sync-protocol.js';
import type { SqlDriver } from '../db/sql-driver.js';
import type { PublicationHook } from '../erddap/publication-hook.js';
import type { Caller } from '../store/accounts.js';
import { authenticate, login } from '../store/accounts.js';
import { FileStore } from '../store/file-store.js';
import { DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, pullEvents } from '../store/pull-events.js';
import { pushEvents } from '../store/push-events.js';
import { pushSamples } from '../store/push-samples.js';
import type { ErrorBody } from './http-error.js';
import { HttpError } from './http-error.js';
import { readFileBatch } from './file-batch-body.js';
import type { FileBatchAnswer } from '../../shared/sync/binary-file-batch.js';
import { BINARY_FILE_BATCH_TYPE, shortBatchAnswer } from '../../shared/sync/binary-file-batch.js';
import { LoginThrottle } from './login-throttle.js';
import { readBody, readJson, requireContentType } from './request-body.js';
import type { RouteContext } from './router.js';
import { Router } from './router.js';

export const SERVER_NAME = 'cytocurator-sync 0.1.0';

export interface SyncServerOptions {
  db: SqlDriver;
  /** The data folder: uploaded files go to `<dataDir>/files`. */
  dataDir: string;
  publication?: PublicationHook | null;
  /** One line per request (method, path, status, time, user); never a token, password or body. */
  log?: (line: string) => void;
  throttle?: LoginThrottle;
}

export interface SyncServer {
  server: http.Server;
  /** Listens; resolves with the port (0 picks a free one). */
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

/** Roles that may change anything (readers only read). */
const writers: readonly Role[] = ['admin', 'curator', 'technician'];

export function createSyncServer(options: SyncServerOptions): SyncServer {
  const { db, publication } = options;
  const files = new FileStore(db, options.dataDir);
  const throttle = options.throttle ?? new LoginThrottle();
  const callers = new WeakMap<http.IncomingMessage, Caller>();

  async function caller(ctx: RouteContext, mayWrite = false): Promise<Caller> {
    const header = ctx.req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) throw new HttpError(401, 'this request needs a device token (Authorization: Bearer …); log in first', 'authorization', undefined, { 'WWW-Authenticate': 'Bearer realm="cytocurator"' });
    const who = await authenticate(db, m[1]!);
    if (!who) {
      throw new HttpError(401, 'the device token is unknown or was revoked; log in again', 'authorization', undefined, {
        'WWW-Authenticate': 'Bearer realm="cytocurator", error="invalid_token"',
      });
    }
    callers.set(ctx.req, who);
    if (mayWrite && !writers.includes(who.role)) throw new HttpError(403, `the role "${who.role}" of ${who.name} may only read`);
    return who;
  }

  const api = (p: string) => `${SYNC_API}${p}`;
  const router = new Router()
    .add('POST', api('/login'), async (ctx) => {
      const body = await readJson(ctx.req, loginRequest, 64 * 1024);
      const wait = throttle.retryAfter(body.user);
      if (wait > 0) throw new HttpError(429, `too many failed logins for ${body.user}; try again in ${wait} s`, 'user', undefined, { 'Retry-After': String(wait) });
      const result = await login(db, body.user, body.password, body.device);
      if (!result) {
        throttle.failed(body.user);
        throw new HttpError(401, 'wrong user name or password', 'password');
      }
      throttle.succeeded(body.user);
      callers.set(ctx.req, { ...result.user, tokenId: 0, device: body.device });
      send<LoginResponse>(ctx.res, 200, { token: result.token, user: result.user.name, role: result.user.role });
    })
    .add('POST', api('/logout'), async (ctx) => {
      const who = await caller(ctx);
      await db.query('UPDATE device_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [who.tokenId]);
      send(ctx.res, 200, { revoked: true });
    })
    .add('GET', api('/info'), async (ctx) => {
      const who = await caller(ctx);
      send<ServerInfo>(ctx.res, 200, { api: 1, server: SERVER_NAME, time: new Date().toISOString(), user: who.name, role: who.role });
    })
    .add('POST', api('/events'), async (ctx) => {
      const who = await caller(ctx, true);
      const body = await readJson(ctx.req, pushEventsRequest, MAX_JSON_BODY_BYTES, true);
      const { results, touched } = await pushEvents(db, who, body.events);
      if (publication) {
        if (touched.datasets) publication.datasetsChanged();
        if (touched.samples.size > 0) publication.samplesChanged(touched.samples);
      }
      send<PushEventsResponse>(ctx.res, 200, { results });
    })
    .add('GET', api('/events'), async (ctx) => {
      await caller(ctx);
      const after = intParam(ctx.query, 'after', 0, 0, Number.MAX_SAFE_INTEGER);
      const limit = intParam(ctx.query, 'limit', DEFAULT_PULL_LIMIT, 1, MAX_PULL_LIMIT);
      send<PullEventsResponse>(ctx.res, 200, await pullEvents(db, after, limit));
    })
    .add('POST', api('/samples'), async (ctx) => {
      const who = await caller(ctx, true);
      const body = await readJson(ctx.req, pushSamplesRequest, MAX_JSON_BODY_BYTES, true);
      const { results, stored } = await pushSamples(db, who, body.samples, missingFilesForm(ctx.query));
      if (publication && stored.length > 0) publication.samplesChanged(stored);
      send<PushSamplesResponse>(ctx.res, 200, { results });
    })
    .add('POST', api('/files/batch'), async (ctx) => {
      const who = await caller(ctx, true);
      const type = requireContentType(ctx.req, 'application/octet-stream', BINARY_FILE_BATCH_TYPE);
      const form = type === BINARY_FILE_BATCH_TYPE ? 'binary' : 'json';
      const { header, files: bytes } = await readFileBatch(ctx.req, form);
      const results = await files.putBatch(
        who,
        header.files.map((f, i) => ({ sha256: f.sha256, bytes: bytes[i]! })),
      );
      if (form === 'json') return send<FileBatchResponse>(ctx.res, 200, { results });
      send<FileBatchAnswer>(ctx.res, 200, shortBatchAnswer(results));
    })
    .add('GET', api('/files/:sha256'), async (ctx) => {
      await caller(ctx);
      send<FileStatus>(ctx.res, 200, await files.status(fileHash(ctx.params.sha256!)));
    })
    .add('PUT', api('/files/:sha256'), async (ctx) => {
      const who = await caller(ctx, true);
      const sha256 = fileHash(ctx.params.sha256!);
      const offset = intParam(ctx.query, 'offset', null, 0, Number.MAX_SAFE_INTEGER);
      const size = intParam(ctx.query, 'size', null, 0, Number.MAX_SAFE_INTEGER);
      requireContentType(ctx.req, 'application/octet-stream');
      const chunk = await readBody(ctx.req, MAX_CHUNK_BYTES);
      const outcome = await files.putChunk(who, sha256, offset, size, chunk);
      switch (outcome.kind) {
        case 'ok':
          return send<FileChunkResponse>(ctx.res, 200, outcome.status);
        case 'offset':
          throw new HttpError(409, `the server has ${outcome.status.received} bytes of this file; send from there`, 'offset', { ...outcome.status });
        case 'hash-mismatch':
          throw new HttpError(422, "the file's bytes do not match its SHA-256; the upload starts over", 'sha256', { ...outcome.status });
        case 'invalid':
          throw new HttpError(400, `${outcome.field}: ${outcome.message}`, outcome.field);
      }
    });

  const server = http.createServer((req, res) => {
    const started = performance.now();
    void (async () => {
      try {
        const { handler, params, query } = router.match(req.method ?? 'GET', req.url ?? '/');
        await handler({ req, res, params, query });
      } catch (err) {
        respondError(req, res, err, options.log);
      } finally {
        if (options.log) {
          const who = callers.get(req)?.name ?? '-';
          const path = (req.url ?? '').split('?')[0];
          options.log(`${new Date().toISOString()} ${req.method} ${path} ${res.statusCode} ${Math.round(performance.now() - started)}ms ${who}`);
        }
      }
    })();
  });
  // Ship links are slow: a 4 MiB chunk may take minutes. Headers must still arrive promptly.
  server.requestTimeout = 15 * 60_000;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 30_000;

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function fileHash(raw: string): string {
  const r = sha256Schema.safeParse(raw);
  if (!r.success) throw new HttpError(400, `sha256: ${r.error.issues[0]?.message ?? 'invalid'}`, 'sha256');
  return r.data;
}

/** `?missing=indexes` or `?missing=hashes` (the default): how the answer names the files a record's sample lacks. */
function missingFilesForm(q: URLSearchParams): MissingFilesForm {
  const v = q.get('missing');
  if (v === null || v === 'hashes') return 'hashes';
  if (v === 'indexes') return 'indexes';
  throw new HttpError(400, `missing: "hashes" or "indexes", not ${JSON.stringify(v.slice(0, 40))}`, 'missing');
}

function intParam(q: URLSearchParams, name: string, fallback: number | null, min: number, max: number): number {
  const raw = q.get(name);
  if (raw === null || raw === '') {
    if (fallback === null) throw new HttpError(400, `${name}: required (a whole number)`, name);
    return fallback;
  }
  if (!/^\d{1,16}$/.test(raw)) throw new HttpError(400, `${name}: a whole number, not "${raw.slice(0, 40)}"`, name);
  const n = Number(raw);
  if (n < min || n > max) throw new HttpError(400, `${name}: between ${min} and ${max}`, name);
  return n;
}

function send<T>(res: http.ServerResponse, status: number, body: T, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(json);
}

/** Bytes of an unread body still accepted (and dropped) after a refusal, so the client can read the answer. */
const DRAIN_LIMIT = 4 * MAX_JSON_BODY_BYTES;

function respondError(req: http.IncomingMessage, res: http.ServerResponse, err: unknown, log?: (line: string) => void): void {
  const known = err instanceof HttpError ? err : null;
  if (!known) log?.(`internal error on ${req.method} ${(req.url ?? '').split('?')[0]}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  const status = known?.status ?? 500;
  const body: ErrorBody & Record<string, unknown> = { ...(known?.extra ?? {}), error: known?.message ?? 'internal server error', ...(known?.field ? { field: known.field } : {}) };
  const headers: Record<string, string> = { ...(known?.headers ?? {}) };
  if (!req.complete) {
    // The body was not (fully) read: drop what is left, up to a bound, then close the connection.
    headers.Connection = 'close';
    let dropped = 0;
    req.on('data', (d: Buffer) => {
      dropped += d.length;
      if (dropped > DRAIN_LIMIT) req.destroy();
    });
    req.on('error', () => undefined);
    req.resume();
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  send(res, status, body, headers);
}
