/**
 * The sync protocol between a workstation (electron/sync) and the institute server (server/): JSON over HTTPS,
 * every request validated against these schemas on both sides. Version 1, under `/api/v1`.
 *
 * Authentication: `POST /api/v1/login` with a user name and password returns a per-device token; every other
 * request carries `Authorization: Bearer <token>`. Tokens are stored hashed on the server and can be revoked.
 *
 * Change events (the decisions: flags, approvals, gates, datasets, SOMLIT entries) are pushed in the order they
 * were made. The server applies an event once, by its id, however often it arrives. Each event names the server
 * revision of its target it was made against (`serverBase`): when the target has moved on since (someone else
 * changed it), the event is a conflict and is not applied; the response carries the server's current value and
 * who set it, so the user can choose. An event the server refuses for a reason retrying cannot fix (a revoked role,
 * an invalid payload) comes back `refused` with the reason in plain words.
 *
 * Samples (their metadata and abundances, as the workstation computed them) and files (images, source exports)
 * travel separately: samples by id and import version, files by SHA-256 in chunks that can resume where a cut link
 * stopped (`GET …/files/<sha256>` says how many bytes the server already has).
 *
 * Server notes (server/, issue 7) — additions and precisions, nothing above changed:
 * - Endpoints: `POST /login`, `POST /logout` (revokes the caller's own token), `GET /info` (ServerInfo, with the
 *   caller's user and role), `POST /events`, `GET /events`, `POST /samples`, `GET|PUT /files/<sha256>`. Every one
 *   but login needs a token.
 * - Statuses: 400 invalid body or parameter (`{ error, field, issues? }`, the field as a path such as
 *   `events.0.target.kind`), 401 missing/unknown/revoked token or wrong password, 403 a reader writing anything,
 *   404 unknown path, 405 wrong method (with Allow), 409 chunk offset ≠ what the server has (body: FileStatus),
 *   413 body over MAX_JSON_BODY_BYTES / chunk over MAX_CHUNK_BYTES, 415 wrong Content-Type (`application/json`,
 *   chunks `application/octet-stream`), 422 the complete file does not match its SHA-256 (the server drops the
 *   bytes: body FileStatus with received 0), 429 too many failed logins for one user (Retry-After).
 * - Roles per event: `roleMayPush` is checked per event, so a technician's flag in a batch comes back `refused`
 *   while the batch's SOMLIT entries are applied. Samples and files: admin, curator, technician.
 * - Conflicts: `serverBase` ≠ the target's revision is a conflict, except when every revision since `serverBase`
 *   was made by the event's own `device` (its earlier events on that target, pushed before it): a device may give
 *   all its queued changes to one target the revision it last heard from the server. A target the server has never
 *   held (no event applied to it) has no version to lose: the event applies whatever its `serverBase`.
 * - Ids: an id already logged answers `duplicate` (its serverSeq and the revision it produced; a superseded one
 *   answers `superseded` again, with its serverSeq); the same id with different content (other than
 *   serverBase/resolution) is `refused`. Conflicting and refused events are not logged, so the same id may be sent
 *   again after the user chose; `superseded` events are logged and pulled like the others (their `resolution` says
 *   they were not applied; their pulled serverRevision is the revision they left in place).
 * - Events are refused when their target lacks what its kind needs (sampleId, group, templateId, datasetId) or, for
 *   flag / value-flag / review / dataset / template, when `after` is not of that kind's shape (null clears).
 * - Pull: `after` defaults to 0, `limit` to 500 (1–1000); a page also ends once it holds about MAX_JSON_BODY_BYTES of
 *   events (never fewer than one), with `more` true.
 * - Files: `GET` of an unknown file answers `{ received: 0, complete: false }`; a `PUT` to a complete file answers
 *   200 with its status (nothing written); `size` must stay the one the upload started with (400 otherwise).
 * - Samples: `refused` when the server holds a newer importVersion or a set appears twice in the abundances.
 *
 * Batch upload of small files (issue 9) — additive: `POST /files/batch` (see FileBatchHeader below) carries many
 * files of at most MAX_BATCH_FILE_BYTES in one request, so thousands of small images do not cost one request, one
 * transaction and one fsync each. Same roles as `PUT /files/<sha256>`. Larger files keep the chunked, resumable
 * PUT. A batch cut mid-way is simply sent again: files are idempotent by hash (a stored one answers `exists`).
 * The same endpoint also takes a binary form (binary-file-batch.ts: hashes as 32 bytes, a short answer), which the
 * workstation sends first; a server from before it answers 415 and gets the JSON-header form.
 */
import { z } from 'zod';
import { checkedArray, hasOnlyKeys } from './checked-array.js';
import { SHA256_HEX_MESSAGE, isSha256Hex } from './sha256-hex.js';
import { MAX_FILE_BYTES, sampleFilesSchema } from './sample-files-schema.js';

export const SYNC_API = '/api/v1';
export const MAX_JSON_BODY_BYTES = 8 * 1024 * 1024;
export const MAX_CHUNK_BYTES = 4 * 1024 * 1024;
export { MAX_FILE_BYTES };

export const roles = ['admin', 'curator', 'technician', 'reader'] as const;
export type Role = (typeof roles)[number];

const id = z.string().min(1).max(128);
const iso = z.string().min(10).max(40);
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, SHA256_HEX_MESSAGE);

export const loginRequest = z.object({ user: z.string().min(1).max(100), password: z.string().min(1).max(200), device: z.string().min(1).max(200) }).strict();
export interface LoginResponse {
  token: string;
  user: string;
  role: Role;
}

/** A change event as it travels (shared/model/change-event.ts, plus the server revision it was made against). */
export const wireEventSchema = z
  .object({
    id,
    changeset: id,
    actor: id,
    actorName: z.string().max(200).nullable(),
    device: z.string().min(1).max(200),
    action: z.string().min(1).max(40),
    target: z
      .object({
        sampleId: id.nullable(),
        kind: z.string().min(1).max(40),
        group: z.string().max(200).optional(),
        templateId: id.optional(),
        datasetId: id.optional(),
        entryId: id.optional(),
      })
      .strict(),
    /** The target's revision on the server this event was made against (0: the target did not exist there). */
    serverBase: z.number().int().min(0),
    before: z.unknown(),
    after: z.unknown(),
    reason: z.string().max(4000).nullable(),
    at: iso,
    undoes: id.nullable(),
    /**
     * `superseded`: the author chose the other version in a conflict; the server keeps the event in its log (the
     * audit holds both versions) but does not apply it.
     */
    resolution: z.literal('superseded').optional(),
  })
  .strict();
export type WireEvent = z.infer<typeof wireEventSchema>;

export const pushEventsRequest = z.object({ events: z.array(wireEventSchema).min(1).max(500) }).strict();

export type PushStatus = 'applied' | 'duplicate' | 'conflict' | 'refused' | 'superseded';
export interface PushResult {
  id: string;
  status: PushStatus;
  /** Position in the server's log (applied, duplicate, superseded). */
  serverSeq?: number;
  /** The target's server revision after this event (applied, duplicate). */
  serverRevision?: number;
  /** conflict: what the server holds now, and who set it. */
  current?: { value: unknown; revision: number; eventId: string; actor: string; actorName: string | null; device: string; at: string };
  /** refused: why, in plain words. */
  reason?: string;
}
export interface PushEventsResponse {
  results: PushResult[];
}

/** `GET /api/v1/events?after=<serverSeq>&limit=<n>`: events in server order, with the revision each produced. */
export interface PulledEvent {
  serverSeq: number;
  serverRevision: number;
  event: Omit<WireEvent, 'serverBase'> & { serverBase: number };
}
export interface PullEventsResponse {
  events: PulledEvent[];
  /** Pass as `after` next time. */
  last: number;
  more: boolean;
}

/** What the server keeps of a sample: its metadata and abundances, and the files it needs (by hash). */
export const sampleRecordSchema = z
  .object({
    id,
    importVersion: z.number().int().min(1),
    name: z.string().min(1).max(500),
    source: z.enum(['cytosense', 'fcs']),
    startedAt: iso.nullable(),
    latitude: z.number().min(-90).max(90).nullable(),
    longitude: z.number().min(-180).max(180).nullable(),
    depthMetres: z.number().nullable(),
    volumeMicrolitres: z.number().nullable(),
    deployment: z.string().max(200).nullable(),
    station: z.string().max(200).nullable(),
    instrument: z.string().max(200).nullable(),
    eventCount: z.number().int().min(0),
    metadata: z.record(z.string().max(200), z.string().max(10_000)),
    abundances: z
      .array(
        z
          .object({
            set: z.string().max(200),
            group: z.string().max(200).nullable(),
            events: z.number().int().min(0).nullable(),
            abundancePerMl: z.number().nullable(),
            template: z.string().max(128),
            templateVersion: z.number().int().min(1),
            flag: z.string().max(2).nullable(),
          })
          .strict(),
      )
      .max(500),
    files: sampleFilesSchema,
  })
  .strict();
export type SampleRecord = z.infer<typeof sampleRecordSchema>;
export const pushSamplesRequest = z.object({ samples: z.array(sampleRecordSchema).min(1).max(200) }).strict();
/**
 * Per record: the files the server lacks, by hash (`missingFiles`), or, when the request asks `?missing=indexes`, by
 * their positions in the record's `files` (`missingFileIndexes`, the first entry of each hash): a first sync of
 * 100,000 images otherwise sends every hash back, 6.6 MB of answers, each hash parsed and checked again. A server
 * from before the query answers by hash; the workstation takes either.
 */
export interface PushSamplesResponse {
  results: { id: string; status: 'stored' | 'unchanged' | 'refused'; reason?: string; missingFiles?: string[]; missingFileIndexes?: number[] }[];
}
/** How `POST /samples` names the missing files: by hash (the default) or by position (`?missing=indexes`). */
export type MissingFilesForm = 'hashes' | 'indexes';

/** `GET /api/v1/files/<sha256>`: how much of a file the server has. */
export interface FileStatus {
  sha256: string;
  received: number;
  complete: boolean;
}
/**
 * `PUT /api/v1/files/<sha256>?offset=<n>&size=<total>` with an octet-stream body of at most MAX_CHUNK_BYTES:
 * appended when `offset` equals what the server has (else 409 with the server's FileStatus, so the client resumes
 * from there); the last chunk is checked against the SHA-256 before the file counts as complete.
 */
export type FileChunkResponse = FileStatus;

/** Most files in one batch. */
export const MAX_BATCH_FILES = 1000;
/** Largest file that may travel in a batch; larger ones go by chunked PUT. */
export const MAX_BATCH_FILE_BYTES = 1024 * 1024;
/** Most bytes of files in one batch (the header not counted). */
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;
/** Longest JSON header of a batch (1,000 entries take about 95 kB). */
export const MAX_BATCH_HEADER_BYTES = 256 * 1024;

/**
 * `POST /api/v1/files/batch`, body `application/octet-stream` framed as: a 4-byte big-endian length N, N bytes of
 * UTF-8 JSON FileBatchHeader, then the files' bytes concatenated in the header's order (nothing before, between
 * or after). The answer (200, FileBatchResponse) has one result per header entry, in the same order; each file is
 * judged alone: bytes that do not match its SHA-256 refuse that file only. The server stores the batch's accepted
 * files in one database transaction.
 *
 * Statuses for the whole request: 400 malformed framing or header (the field as a path such as `files.3.sha256`),
 * or a body longer or shorter than the header announces; 403 a reader; 413 a header over MAX_BATCH_HEADER_BYTES or
 * files totalling over MAX_BATCH_BYTES (checked on the declared Content-Length and while the body streams in); 415
 * a wrong Content-Type.
 */
export const fileBatchHeaderFileSchema = z
  .object({ sha256: sha256Schema, size: z.number().int().min(0).max(MAX_BATCH_FILE_BYTES, `at most ${MAX_BATCH_FILE_BYTES} bytes in a batch; larger files go by PUT in chunks`) })
  .strict();
const BATCH_HEADER_FILE_KEYS = ['sha256', 'size'];
/** fileBatchHeaderFileSchema's check written out (checked-array.ts): true only where it accepts the entry as it is. */
export function isPlainBatchHeaderFile(v: unknown): v is z.infer<typeof fileBatchHeaderFileSchema> {
  return hasOnlyKeys(v, BATCH_HEADER_FILE_KEYS, BATCH_HEADER_FILE_KEYS) && isSha256Hex(v.sha256) && Number.isSafeInteger(v.size) && (v.size as number) >= 0 && (v.size as number) <= MAX_BATCH_FILE_BYTES;
}
export const fileBatchHeaderSchema = z
  .object({ files: checkedArray(fileBatchHeaderFileSchema, isPlainBatchHeaderFile, { min: 1, max: MAX_BATCH_FILES }) })
  .strict();
export type FileBatchHeader = z.infer<typeof fileBatchHeaderSchema>;

/** `stored`: written now; `exists`: the server had the complete file already; `refused`: see `reason`. */
export type FileBatchStatus = 'stored' | 'exists' | 'refused';
export interface FileBatchResult {
  sha256: string;
  status: FileBatchStatus;
  reason?: string;
}
export interface FileBatchResponse {
  results: FileBatchResult[];
}
/** The client's check of the answer. */
export const fileBatchResultSchema = z.object({ sha256: sha256Schema, status: z.enum(['stored', 'exists', 'refused']), reason: z.string().max(10_000).optional() });
const BATCH_RESULT_KEYS = ['sha256', 'status', 'reason'];
/** fileBatchResultSchema's check written out (checked-array.ts): true only where it accepts the entry as it is. */
export function isPlainBatchResult(v: unknown): v is FileBatchResult {
  return (
    hasOnlyKeys(v, BATCH_RESULT_KEYS, ['sha256', 'status']) &&
    isSha256Hex(v.sha256) &&
    (v.status === 'stored' || v.status === 'exists' || v.status === 'refused') &&
    (v.reason === undefined || (typeof v.reason === 'string' && v.reason.length <= 10_000))
  );
}
export const fileBatchResponseSchema = z.object({ results: checkedArray(fileBatchResultSchema, isPlainBatchResult, { max: MAX_BATCH_FILES }) });

/** Frames a batch body (both sides use it: the client to send, tests to build bodies). */
export function frameFileBatch(files: readonly { sha256: string; bytes: Uint8Array }[]): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify({ files: files.map((f) => ({ sha256: f.sha256, size: f.bytes.length })) } satisfies FileBatchHeader));
  const total = 4 + header.length + files.reduce((n, f) => n + f.bytes.length, 0);
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, header.length, false);
  out.set(header, 4);
  let at = 4 + header.length;
  for (const f of files) {
    out.set(f.bytes, at);
    at += f.bytes.length;
  }
  return out;
}

export interface ServerInfo {
  api: 1;
  server: string;
  time: string;
  /** The caller, as the server knows it now (its role may have changed since login). */
  user?: string;
  role?: Role;
}

/**
 * What each role may do: the server checks it for every request and event. SOMLIT work is the technicians'
 * (an undo or redo of a SOMLIT entry counts as SOMLIT work by its target); everything else the curators'.
 */
export function roleMayPush(role: Role, action: string, targetKind = ''): boolean {
  if (role === 'admin') return true;
  if (role === 'reader') return false;
  const somlit = action.startsWith('somlit-') || targetKind.startsWith('somlit-');
  return role === 'technician' ? somlit : !somlit;
}
