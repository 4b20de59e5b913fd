import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { sample } from '../test-support/sample-factory.js';
import { openLibraryDatabase } from './library-database.js';
import { getSample, insertSamples, listSamples } from './sample-store.js';

const tempDir = useTempDirs();

describe('sample store', () => {
  function library() {
    const lib = openLibraryDatabase(path.join(tempDir(), 'lib'));
    insertSamples(lib.db, [
      sample('cs-a', { name: 'Frioul 06h', station: 'Frioul', startedAt: '2026-05-14T06:00:00Z', eventCount: 5 }),
      sample('cs-b', { name: 'SOLEMIO 07h', station: 'SOLEMIO', startedAt: '2026-05-14T07:00:00Z', eventCount: 50 }),
      sample('cs-c', { name: 'SOLEMIO 100%_x', station: 'SOLEMIO', startedAt: null, eventCount: 500 }),
    ]);
    return lib;
  }

  it('pages in a stable order, newest first by default', () => {
    const lib = library();
    const all = listSamples(lib.db, { offset: 0, limit: 10, sort: [] });
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => r.id)).toEqual(['cs-b', 'cs-a', 'cs-c']);
    const page2 = listSamples(lib.db, { offset: 1, limit: 1, sort: [] });
    expect(page2).toMatchObject({ total: 3, offset: 1 });
    expect(page2.rows.map((r) => r.id)).toEqual(['cs-a']);
    lib.close();
  });

  it('sorts by the allowed fields and searches name, station and deployment literally', () => {
    const lib = library();
    const byEvents = listSamples(lib.db, { offset: 0, limit: 10, sort: [{ field: 'eventCount', direction: 'desc' }] });
    expect(byEvents.rows.map((r) => r.eventCount)).toEqual([500, 50, 5]);
    expect(listSamples(lib.db, { offset: 0, limit: 10, sort: [], search: 'frioul' }).rows.map((r) => r.id)).toEqual(['cs-a']);
    // % and _ are literal characters in a search, not wildcards.
    expect(listSamples(lib.db, { offset: 0, limit: 10, sort: [], search: '100%_' }).rows.map((r) => r.id)).toEqual(['cs-c']);
    expect(listSamples(lib.db, { offset: 0, limit: 10, sort: [], search: '%' }).total).toBe(1);
    lib.close();
  });

  it('returns a sample with its files and metadata', () => {
    const lib = library();
    const s = getSample(lib.db, 'cs-a');
    expect(s?.files).toEqual([{ path: 'samples/cs-a/x_Listmode.csv', role: 'listmode', sizeBytes: 10, sha256: 'a'.repeat(64) }]);
    expect(s?.metadata).toEqual({ Instrument: 'x' });
    expect(getSample(lib.db, 'nope')).toBeUndefined();
    lib.close();
  });
});
