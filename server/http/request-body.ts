import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { UNSTORABLE_TEXT, hasUnstorableText } from '../store/event-rules.js';
import { HttpError } from './http-error.js';

/**
 * Reads a request body up to `limit` bytes: a declared Content-Length over it is refused before reading, and a
 * body that turns out longer (chunked encoding) is refused as soon as it passes the limit.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `the request body is larger than ${limit} bytes`, 'body');
}

export function requireContentType<T extends string>(req: IncomingMessage, type: T, ...others: T[]): T {
  const given = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const allowed = [type, ...others];
  if (!allowed.includes(given as T)) throw new HttpError(415, `the body must be sent as ${allowed.join(' or ')}${given ? `, not ${given}` : ''}`, 'content-type');
  return given as T;
}

/**
 * Parses and validates a JSON body; a failure names the field (`events.3.target.kind: …`). U+0000 in a string is
 * refused (PostgreSQL cannot store it) unless `textCheckedPerItem` says the caller refuses it item by item.
 */
export async function readJson<S extends z.ZodType>(req: IncomingMessage, schema: S, limit: number, textCheckedPerItem = false): Promise<z.output<S>> {
  requireContentType(req, 'application/json');
  const bytes = await readBody(req, limit);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    throw new HttpError(400, `the body is not valid JSON (${err instanceof Error ? err.message : String(err)})`, 'body');
  }
  if (!textCheckedPerItem && hasUnstorableText(value)) throw new HttpError(400, `the body contains ${UNSTORABLE_TEXT}`, 'body');
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.message }));
    const first = issues[0]!;
    throw new HttpError(400, `${first.field}: ${first.message}`, first.field, { issues });
  }
  return parsed.data;
}
