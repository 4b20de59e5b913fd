/**
 * The pulse shape of one particle, read on demand from the pulse file kept in the library (pulse files are large
 * and rarely looked at, so they are not converted at import). Blocks are cut by each particle's Sample Length.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { CurationError } from '../../shared/api/errors.js';
import { createPulsesParser } from '../../shared/formats/cytoclus/pulses/pulses-parser.js';
import type { EventStore } from '../library/event-store.js';

export interface PulseShape {
  particleId: number;
  channels: { channel: string; values: number[] }[];
}

export async function pulseShape(db: Database, filesDir: string, store: EventStore, sampleId: string, particleId: number): Promise<PulseShape | null> {
  const importId = db.prepare('SELECT current_import_id FROM samples WHERE id = ?').pluck().get(sampleId) as number | null | undefined;
  if (importId === undefined) throw new CurationError({ code: 'not-found', field: 'sampleId', message: `no sample ${sampleId}` });
  const files = db.prepare("SELECT stored_path FROM import_files WHERE import_id = ? AND role = 'pulses' AND stored_path IS NOT NULL").pluck().all(importId ?? -1) as string[];
  if (files.length === 0) return null;
  let sampleLengths: Map<number, number> | undefined;
  try {
    const lengths = store.column(sampleId, 'Sample Length');
    const ids = store.particleIds(sampleId);
    sampleLengths = new Map(Array.from(ids, (id, i) => [id, lengths[i]!]));
  } catch {
    // no Sample Length column: the parser groups rows by particle id
  }
  for (const rel of files) {
    const parser = createPulsesParser(sampleLengths ? { sampleLengths } : {});
    const take = (list: ReturnType<typeof parser.push>) => list.find((p) => p.id === particleId);
    let found: ReturnType<typeof take>;
    for await (const chunk of createReadStream(path.join(filesDir, ...rel.split('/')), { highWaterMark: 1 << 20 })) {
      const b = chunk as Buffer;
      found = take(parser.push(new Uint8Array(b.buffer, b.byteOffset, b.length)));
      if (found) break;
    }
    found ??= parser.finish().particles.find((p) => p.id === particleId);
    if (found) {
      return { particleId, channels: found.channels.map((c, i) => ({ channel: c, values: Array.from(found!.values[i]!) })) };
    }
  }
  return null;
}
