import type { NewSample } from '../library/sample-store.js';

/** A plausible sample row for tests; override what the test is about. */
export function sample(id: string, overrides: Partial<NewSample> = {}): NewSample {
  return {
    id,
    name: `sample ${id}`,
    source: 'cytosense',
    startedAt: '2026-05-14T06:00:00Z',
    durationSeconds: 180,
    instrument: 'CytoSense CS-2015-01',
    deployment: 'SOLEMIO 2026',
    station: 'SOLEMIO',
    latitude: 43.24,
    longitude: 5.29,
    depthMetres: 2,
    volumeMicrolitres: 300,
    eventCount: 1000,
    imageCount: 0,
    files: [{ path: `samples/${id}/x_Listmode.csv`, role: 'listmode', sizeBytes: 10, sha256: 'a'.repeat(64) }],
    metadata: { Instrument: 'x' },
    ...overrides,
  };
}
