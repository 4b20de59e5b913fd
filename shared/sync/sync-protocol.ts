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
 */
import { z } from 'zod';

export const SYNC_API = '/api/v1';
export const MAX_JSON_BODY_BYTES = 8 * 1024 * 1024;
export const MAX_CHUNK_BYTES = 4 * 1024 * 1024;
export const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024;

export const roles = ['admin', 'curator', 'technician', 'reader'] as const;
export type Role = (typeof roles)[number];

const id = z.string().min(1).max(128);
const iso = z.string().min(10).max(40);
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');

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
    files: z.array(z.object({ role: z.string().max(40), path: z.string().max(1000), sha256: sha256Schema, bytes: z.number().int().min(0).max(MAX_FILE_BYTES) }).strict()).max(100_000),
  })
  .strict();
export type SampleRecord = z.infer<typeof sampleRecordSchema>;
export const pushSamplesRequest = z.object({ samples: z.array(sampleRecordSchema).min(1).max(200) }).strict();
export interface PushSamplesResponse {
  results: { id: string; status: 'stored' | 'unchanged' | 'refused'; reason?: string; missingFiles: string[] }[];
}

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

export interface ServerInfo {
  api: 1;
  server: string;
  time: string;
}

/** What each role may do: the server checks it for every request and event. */
export function roleMayPush(role: Role, action: string): boolean {
  if (role === 'admin') return true;
  if (role === 'reader') return false;
  const somlit = action.startsWith('somlit-');
  return role === 'technician' ? somlit : !somlit;
}
