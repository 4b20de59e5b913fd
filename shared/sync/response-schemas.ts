/**
 * The server's answers, checked on arrival like the requests are on the server: a reply that does not match is
 * a server fault to report, never something to act on. Pulled events are checked one by one (pullEnvelopeSchema
 * leaves them unknown) so that one odd event is held aside instead of stopping the whole pull.
 */
import { z } from 'zod';
import { checkedArray } from './checked-array.js';
import { MAX_SAMPLE_FILES } from './sample-files-schema.js';
import { isSha256Hex } from './sha256-hex.js';
import { roles, sha256Schema } from './sync-protocol.js';

export const loginResponseSchema = z.object({ token: z.string().min(8).max(4096), user: z.string().min(1).max(100), role: z.enum(roles) });

const current = z.object({
  value: z.unknown(),
  revision: z.number().int().min(0),
  eventId: z.string().min(1).max(128),
  actor: z.string().min(1).max(128),
  actorName: z.string().max(200).nullable(),
  device: z.string().max(200),
  at: z.string().max(40),
});

export const pushResultSchema = z.object({
  id: z.string().min(1).max(128),
  status: z.enum(['applied', 'duplicate', 'conflict', 'refused', 'superseded']),
  serverSeq: z.number().int().min(0).optional(),
  serverRevision: z.number().int().min(0).optional(),
  current: current.optional(),
  reason: z.string().max(10_000).optional(),
});
export const pushEventsResponseSchema = z.object({ results: z.array(pushResultSchema) });

export const pullEnvelopeSchema = z.object({
  events: z.array(z.object({ serverSeq: z.number().int().min(0), serverRevision: z.number().int().min(0), event: z.unknown() })),
  last: z.number().int().min(0),
  more: z.boolean(),
});

const fileIndex = z.number().int().min(0).max(MAX_SAMPLE_FILES - 1);
const isFileIndex = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) < MAX_SAMPLE_FILES;

export const pushSamplesResponseSchema = z.object({
  results: z.array(
    z.object({
      id: z.string().min(1).max(128),
      status: z.enum(['stored', 'unchanged', 'refused']),
      reason: z.string().max(10_000).optional(),
      missingFiles: checkedArray(sha256Schema, isSha256Hex).optional(),
      missingFileIndexes: checkedArray(fileIndex, isFileIndex).optional(),
    }),
  ),
});

export const fileStatusSchema = z.object({ sha256: sha256Schema, received: z.number().int().min(0), complete: z.boolean() });
