/**
 * Reads a sample's stored event columns (Float32 files) for plots and counts. Only the columns asked for are read,
 * and a few recently used ones are kept, so flipping between cytograms of one sample does not re-read the disk.
 */
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { CurationError } from '../../shared/api/errors.js';
import { readFloat32File, readUint32File } from '../import/column-store.js';
import { checkOpenedValues } from '../backup/opened-file-check.js';

interface ColumnRow {
  header: string;
  key: string;
  path: string;
}

export interface SampleEvents {
  sampleId: string;
  importId: number;
  events: number;
  headers: string[];
}

const CACHE_LIMIT_BYTES = 256 * 1024 * 1024;

export class EventStore {
  private cache = new Map<string, Float32Array>();
  private cachedBytes = 0;

  constructor(
    private readonly db: Database,
    private readonly filesDir: string,
  ) {}

  describe(sampleId: string): SampleEvents & { columns: ColumnRow[] } {
    const s = this.db.prepare('SELECT current_import_id AS importId, event_count AS events FROM samples WHERE id = ?').get(sampleId) as
      | { importId: number | null; events: number }
      | undefined;
    if (!s) throw new CurationError({ code: 'not-found', field: 'sampleId', message: `no sample ${sampleId}` });
    if (s.importId === null) throw new CurationError({ code: 'not-found', field: 'sampleId', message: `sample ${sampleId} has no stored events` });
    const columns = this.db.prepare('SELECT header, key, path FROM event_columns WHERE import_id = ? ORDER BY position').all(s.importId) as ColumnRow[];
    return { sampleId, importId: s.importId, events: s.events, headers: columns.map((c) => c.header), columns };
  }

  /** One column by its header, or by its channel|parameter key (case- and wording-insensitive matching). */
  column(sampleId: string, name: string): Float32Array {
    const d = this.describe(sampleId);
    const wanted = name.trim().toLowerCase();
    const col = d.columns.find((c) => c.header === name) ?? d.columns.find((c) => c.header.toLowerCase() === wanted || c.key === wanted);
    if (!col) throw new CurationError({ code: 'not-found', field: 'column', message: `sample ${sampleId} has no column "${name}"` });
    const cacheKey = `${d.importId}:${col.path}`;
    const hit = this.cache.get(cacheKey);
    if (hit) {
      this.cache.delete(cacheKey);
      this.cache.set(cacheKey, hit); // most recently used last
      return hit;
    }
    const values = readFloat32File(path.join(this.filesDir, ...col.path.split('/')), d.events);
    checkOpenedValues(this.filesDir, col.path, values); // warns (does not fail) when it differs from its recorded sum
    this.cache.set(cacheKey, values);
    this.cachedBytes += values.byteLength;
    for (const [k, v] of this.cache) {
      if (this.cachedBytes <= CACHE_LIMIT_BYTES) break;
      this.cache.delete(k);
      this.cachedBytes -= v.byteLength;
    }
    return values;
  }

  particleIds(sampleId: string): Uint32Array {
    const d = this.describe(sampleId);
    const version = this.db.prepare('SELECT version FROM imports WHERE id = ?').pluck().get(d.importId) as number;
    const stored = `samples/${sampleId}/v${version}/events/particle-ids.u32`;
    const ids = readUint32File(path.join(this.filesDir, ...stored.split('/')), d.events);
    checkOpenedValues(this.filesDir, stored, ids);
    return ids;
  }

  /** Membership mask of a CytoClus set exported with the sample (1 = member), aligned with the events. */
  setMask(sampleId: string, setName: string): Uint8Array {
    const d = this.describe(sampleId);
    const row = this.db.prepare('SELECT members_path FROM sample_sets WHERE import_id = ? AND name = ?').pluck().get(d.importId, setName) as string | undefined;
    if (!row) throw new CurationError({ code: 'not-found', field: 'set', message: `sample ${sampleId} has no set "${setName}"` });
    const memberIds = readUint32File(path.join(this.filesDir, ...row.split('/')));
    checkOpenedValues(this.filesDir, row, memberIds);
    const members = new Set(memberIds);
    const ids = this.particleIds(sampleId);
    const mask = new Uint8Array(ids.length);
    for (let i = 0; i < ids.length; i++) if (members.has(ids[i]!)) mask[i] = 1;
    return mask;
  }
}
