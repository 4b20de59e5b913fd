/**
 * An in-memory sync server implementing the protocol (shared/sync/sync-protocol.ts) over real HTTP on 127.0.0.1,
 * for the client's unit tests: idempotent event push by id, per-target revisions and conflicts against the event's
 * serverBase, roles, pull by log position, sample records, resumable files checked by SHA-256, batches of small
 * files. Its state outlives
 * stop()/start(), like a server process killed and restarted over the same database.
 */
import { createHash, randomUUID } from 'node:crypto';
import { BINARY_BATCH_ENTRY_BYTES, BINARY_FILE_BATCH_TYPE, binaryBatchHeaderLength, binaryBatchSizes, hashHexAt, shortBatchAnswer } from '../../../shared/sync/binary-file-batch.js';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { targetKey } from '../../../shared/model/change-event.js';
import type { FileBatchResult, Role, SampleRecord, WireEvent, PushResult, PulledEvent } from '../../../shared/sync/sync-protocol.js';
import { MAX_BATCH_BYTES, MAX_BATCH_HEADER_BYTES, MAX_CHUNK_BYTES, MAX_JSON_BODY_BYTES, SYNC_API, fileBatchHeaderSchema, loginRequest, pushEventsRequest, pushSamplesRequest, roleMayPush, sha256Schema } from '../../../shared/sync/sync-protocol.js';
import { wireTarget } from '../../../shared/sync/wire-event.js';

interface Account {
  password: string;
  role: Role;
}

interface LogEntry {
  serverSeq: number;
  serverRevision: number;
  event: WireEvent;
  superseded: boolean;
}

export interface FakeServerState {
  accounts: Map<string, Account>;
  tokens: Map<string, { user: string; device: string; revoked: boolean }>;
  log: LogEntry[];
  byId: Map<string, LogEntry>;
  targets: Map<string, { revision: number; value: unknown; entry: LogEntry }>;
  samples: Map<string, { record: SampleRecord; stores: number }>;
  files: Map<string, { bytes: Buffer[]; received: number; size: number; complete: boolean }>;
  /** Requests by route, for tests that count. */
  requests: Map<string, number>;
}

export function newServerState(accounts: Record<string, { password: string; role: Role }>): FakeServerState {
  return {
    accounts: new Map(Object.entries(accounts)),
    tokens: new Map(),
    log: [],
    byId: new Map(),
    targets: new Map(),
    samples: new Map(),
    files: new Map(),
    requests: new Map(),
  };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) throw new HttpError(413, `the request is larger than ${limit} bytes`);
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

export class FakeSyncServer {
  private server: http.Server | null = null;
  private sockets = new Set<Socket>();
  port = 0;
  /** Called before each request is handled (tests inject failures: return a status to answer with instead). */
  intercept: ((route: string, req: http.IncomingMessage) => number | null) | null = null;
  /** Refuses a whole event push with 400 and this reason (a malformed event, as a real server would). */
  refuseBatch: ((events: readonly WireEvent[]) => string | null) | null = null;
  /** false: answers `POST files/batch` 405, like a server from before batches (its `files/<sha256>` takes GET and PUT). */
  batchUploads = true;
  /** false: answers the binary batch form 415, like a server from before it (it takes the JSON-header form). */
  binaryBatches = true;
  /** false: names missing files by hash whatever the request asks, like a server from before `?missing=indexes`. */
  missingByIndex = true;
  /** Rewrites each record's answer (a faulty server). */
  sampleAnswer: ((r: { id: string; status: string; missingFiles?: string[]; missingFileIndexes?: number[] }) => unknown) | null = null;

  constructor(readonly state: FakeServerState) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port = this.port): Promise<void> {
    const server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        if (err instanceof HttpError) send(res, err.status, err.body ?? { code: 'invalid-request', message: err.message });
        else send(res, 500, { code: 'internal', message: (err as Error).message });
      });
    });
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  /** Like a killed process: every connection cut at once, nothing answered. The state stays. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** A token for a user without the login round trip (tests of roles). */
  issueToken(user: string, device = 'test-device'): string {
    const token = randomUUID() + randomUUID();
    this.state.tokens.set(token, { user, device, revoked: false });
    return token;
  }

  private count(route: string): void {
    this.state.requests.set(route, (this.state.requests.get(route) ?? 0) + 1);
  }

  private auth(req: http.IncomingMessage): { user: string; role: Role } {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    const t = m ? this.state.tokens.get(m[1] as string) : undefined;
    if (!t || t.revoked) throw new HttpError(401, 'unknown or revoked token');
    const account = this.state.accounts.get(t.user);
    if (!account) throw new HttpError(401, 'the account no longer exists');
    return { user: t.user, role: account.role };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith(`${SYNC_API}/`)) throw new HttpError(404, 'not found');
    const path = url.pathname.slice(SYNC_API.length + 1);
    const route = `${req.method} ${path === 'files/batch' ? path : path.startsWith('files/') ? 'files' : path}`;
    this.count(route);
    const forced = this.intercept?.(route, req) ?? null;
    if (forced !== null) {
      await readBody(req, MAX_CHUNK_BYTES * 2).catch(() => Buffer.alloc(0));
      throw new HttpError(forced, `forced ${forced}`);
    }
    if (req.method === 'POST' && path === 'login') return send(res, 200, this.login(await this.json(req, loginRequest)));
    const who = this.auth(req);
    if (req.method === 'POST' && path === 'events') {
      const events = (await this.json(req, pushEventsRequest)).events;
      const refusal = this.refuseBatch?.(events) ?? null;
      if (refusal !== null) throw new HttpError(400, refusal);
      return send(res, 200, { results: this.push(who, events) });
    }
    if (req.method === 'GET' && path === 'events') return send(res, 200, this.pull(Number(url.searchParams.get('after') ?? 0), Number(url.searchParams.get('limit') ?? 500)));
    if (req.method === 'POST' && path === 'samples') {
      if (who.role !== 'admin' && who.role !== 'curator') throw new HttpError(403, `a ${who.role} may not store samples`);
      const byIndex = this.missingByIndex && url.searchParams.get('missing') === 'indexes';
      const results = (await this.json(req, pushSamplesRequest)).samples.map((s) => this.storeSample(s, byIndex));
      return send(res, 200, { results: this.sampleAnswer ? results.map(this.sampleAnswer) : results });
    }
    if (req.method === 'POST' && path === 'files/batch') {
      if (!this.batchUploads) throw new HttpError(405, 'POST is not allowed here (allowed: GET, PUT)');
      if (who.role === 'reader') throw new HttpError(403, 'a reader may not upload');
      const binary = (req.headers['content-type'] ?? '') === BINARY_FILE_BATCH_TYPE;
      if (binary && !this.binaryBatches) throw new HttpError(415, 'the body must be sent as application/octet-stream');
      const body = await readBody(req, 4 + MAX_BATCH_HEADER_BYTES + MAX_BATCH_BYTES);
      if (binary) return send(res, 200, shortBatchAnswer(this.putBatch(body, binaryBatchEntries(body))));
      return send(res, 200, { results: this.putBatch(body, jsonBatchEntries(body)) });
    }
    const file = /^files\/([^/]+)$/.exec(path);
    if (file) {
      const sha = sha256Schema.safeParse(file[1]);
      if (!sha.success) throw new HttpError(400, 'a file is named by its SHA-256');
      if (req.method === 'GET') return send(res, 200, this.fileStatus(sha.data));
      if (req.method === 'PUT') {
        if (who.role === 'reader') throw new HttpError(403, 'a reader may not upload');
        const body = await readBody(req, MAX_CHUNK_BYTES);
        return this.putChunk(res, sha.data, Number(url.searchParams.get('offset')), Number(url.searchParams.get('size')), body);
      }
    }
    throw new HttpError(404, 'not found');
  }

  private async json<T>(req: http.IncomingMessage, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }): Promise<T> {
    const body = await readBody(req, MAX_JSON_BODY_BYTES);
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new HttpError(400, 'the body is not JSON');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new HttpError(400, `invalid request: ${first ? `${first.path.join('.')}: ${first.message}` : ''}`);
    }
    return parsed.data;
  }

  private login(r: { user: string; password: string; device: string }): { token: string; user: string; role: Role } {
    const a = this.state.accounts.get(r.user);
    if (!a || a.password !== r.password) throw new HttpError(401, 'wrong user name or password');
    return { token: this.issueToken(r.user, r.device), user: r.user, role: a.role };
  }

  private push(who: { user: string; role: Role }, events: readonly WireEvent[]): PushResult[] {
    return events.map((e): PushResult => {
      const seen = this.state.byId.get(e.id);
      if (seen) return seen.superseded ? { id: e.id, status: 'superseded', serverSeq: seen.serverSeq } : { id: e.id, status: 'duplicate', serverSeq: seen.serverSeq, serverRevision: seen.serverRevision };
      if (!roleMayPush(who.role, e.action)) return { id: e.id, status: 'refused', reason: `${who.user} is a ${who.role} and may not ${e.action}` };
      const key = targetKey(wireTarget(e));
      const t = this.state.targets.get(key);
      if (e.resolution === 'superseded') {
        const entry: LogEntry = { serverSeq: this.state.log.length + 1, serverRevision: t?.revision ?? 0, event: e, superseded: true };
        this.append(entry);
        return { id: e.id, status: 'superseded', serverSeq: entry.serverSeq };
      }
      const revision = t?.revision ?? 0;
      if (e.serverBase !== revision && t) {
        const c = t.entry.event;
        return { id: e.id, status: 'conflict', current: { value: t.value, revision, eventId: c.id, actor: c.actor, actorName: c.actorName, device: c.device, at: c.at } };
      }
      const entry: LogEntry = { serverSeq: this.state.log.length + 1, serverRevision: revision + 1, event: e, superseded: false };
      this.append(entry);
      this.state.targets.set(key, { revision: revision + 1, value: e.after, entry });
      return { id: e.id, status: 'applied', serverSeq: entry.serverSeq, serverRevision: entry.serverRevision };
    });
  }

  private append(entry: LogEntry): void {
    this.state.log.push(entry);
    this.state.byId.set(entry.event.id, entry);
  }

  private pull(after: number, limit: number): { events: PulledEvent[]; last: number; more: boolean } {
    const from = this.state.log.findIndex((e) => e.serverSeq > after);
    const slice = from < 0 ? [] : this.state.log.slice(from, from + Math.min(Math.max(limit, 1), 1000));
    const last = slice.length ? (slice[slice.length - 1] as LogEntry).serverSeq : Math.max(after, 0);
    return {
      events: slice.map((e) => ({ serverSeq: e.serverSeq, serverRevision: e.serverRevision, event: e.event })),
      last,
      more: last < this.state.log.length,
    };
  }

  /** Missing files by hash, or by position in the record when asked (`?missing=indexes`) and `missingByIndex` is on. */
  private storeSample(s: SampleRecord, byIndex: boolean): { id: string; status: 'stored' | 'unchanged'; missingFiles?: string[]; missingFileIndexes?: number[] } {
    const known = this.state.samples.get(s.id);
    const at: number[] = [];
    const seen = new Set<string>();
    s.files.forEach((f, i) => {
      if (seen.has(f.sha256) || this.state.files.get(f.sha256)?.complete) return;
      seen.add(f.sha256);
      at.push(i);
    });
    const missing = byIndex ? { missingFileIndexes: at } : { missingFiles: at.map((i) => s.files[i]!.sha256) };
    if (known && JSON.stringify(known.record) === JSON.stringify(s)) return { id: s.id, status: 'unchanged', ...missing };
    this.state.samples.set(s.id, { record: s, stores: (known?.stores ?? 0) + 1 });
    return { id: s.id, status: 'stored', ...missing };
  }

  private fileStatus(sha: string): { sha256: string; received: number; complete: boolean } {
    const f = this.state.files.get(sha);
    return { sha256: sha, received: f?.received ?? 0, complete: f?.complete ?? false };
  }

  /** A batch's files (`entries`: the header read, and where the files start): each checked alone against its hash. */
  private putBatch(body: Buffer, entries: { files: { sha256: string; size: number }[]; start: number }): FileBatchResult[] {
    const { files, start } = entries;
    if (start + files.reduce((sum, f) => sum + f.size, 0) !== body.length) throw new HttpError(400, 'the body is not as long as its header announces');
    let at = start;
    return files.map((f): FileBatchResult => {
      const bytes = Buffer.from(body.subarray(at, at + f.size));
      at += f.size;
      if (this.state.files.get(f.sha256)?.complete) return { sha256: f.sha256, status: 'exists' };
      if (createHash('sha256').update(bytes).digest('hex') !== f.sha256) return { sha256: f.sha256, status: 'refused', reason: 'the file does not match its SHA-256; it was discarded' };
      this.state.files.set(f.sha256, { bytes: [bytes], received: f.size, size: f.size, complete: true });
      return { sha256: f.sha256, status: 'stored' };
    });
  }

  private putChunk(res: http.ServerResponse, sha: string, offset: number, size: number, body: Buffer): void {
    if (!Number.isInteger(offset) || !Number.isInteger(size) || offset < 0 || size < 0) throw new HttpError(400, 'offset and size must be whole numbers');
    let f = this.state.files.get(sha);
    if (!f) {
      f = { bytes: [], received: 0, size, complete: false };
      this.state.files.set(sha, f);
    }
    if (f.complete || offset !== f.received) return send(res, 409, this.fileStatus(sha));
    if (offset + body.length > size) throw new HttpError(400, 'the chunk goes past the file size');
    f.bytes.push(body);
    f.received += body.length;
    if (f.received === size) {
      const all = Buffer.concat(f.bytes);
      if (createHash('sha256').update(all).digest('hex') !== sha) {
        this.state.files.delete(sha);
        throw new HttpError(422, 'the file does not match its SHA-256; it was discarded');
      }
      f.bytes = [all];
      f.complete = true;
    }
    send(res, 200, this.fileStatus(sha));
  }
}

export async function startFakeServer(accounts: Record<string, { password: string; role: Role }> = { ana: { password: 'pw-ana', role: 'curator' } }): Promise<FakeSyncServer> {
  const server = new FakeSyncServer(newServerState(accounts));
  await server.start(0);
  return server;
}

/** The JSON-header form's entries (sync-protocol.ts). */
function jsonBatchEntries(body: Buffer): { files: { sha256: string; size: number }[]; start: number } {
  if (body.length < 4) throw new HttpError(400, 'the body is too short for a batch');
  const n = body.readUInt32BE(0);
  let header;
  try {
    header = fileBatchHeaderSchema.safeParse(JSON.parse(body.subarray(4, 4 + n).toString('utf8')));
  } catch {
    throw new HttpError(400, 'the batch header is not JSON');
  }
  if (!header.success) throw new HttpError(400, `invalid batch header: ${header.error.issues[0]?.message ?? ''}`);
  return { files: header.data.files, start: 4 + n };
}

/** The binary form's entries (binary-file-batch.ts). */
function binaryBatchEntries(body: Buffer): { files: { sha256: string; size: number }[]; start: number } {
  if (body.length < 4) throw new HttpError(400, 'the body is too short for a batch');
  const length = binaryBatchHeaderLength(body.readUInt32BE(0));
  if ('status' in length) throw new HttpError(length.status, length.message);
  if (body.length < length.length) throw new HttpError(400, 'the body ends inside the batch header');
  const header = body.subarray(0, length.length);
  const sizes = binaryBatchSizes(header);
  if ('status' in sizes) throw new HttpError(sizes.status, sizes.message);
  return { files: sizes.sizes.map((size, i) => ({ sha256: hashHexAt(header, 4 + i * BINARY_BATCH_ENTRY_BYTES), size })), start: length.length };
}
