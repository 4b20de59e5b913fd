import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sample } from '../test-support/sample-factory.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { addDeployment, applyDeployment, listDeployments } from './deployment-store.js';
import { openLibraryDatabase } from './library-database.js';
import { getSample, insertSamples } from './sample-store.js';

const tempDir = useTempDirs();
const base = {
  instrument: 'CytoSense', instrumentSerial: 'CS-2015-67', station: 'SOLEMIO', ship: null, latitude: 43.2383,
  longitude: 5.2883, samplingDepthMetres: 2, bottomDepthMetres: 55, timeZone: 'Europe/Paris', somlitSiteId: '1',
  rule: { folder: null, serial: 'CS-2015-67', from: null, to: null },
};

describe('deployment store', () => {
  it('adds, lists and refuses duplicates and unknown zones', () => {
    const lib = openLibraryDatabase(path.join(tempDir(), 'lib'));
    addDeployment(lib.db, { ...base, name: 'SOLEMIO 2026' });
    expect(listDeployments(lib.db).map((d) => d.name)).toEqual(['SOLEMIO 2026']);
    expect(() => addDeployment(lib.db, { ...base, name: 'SOLEMIO 2026' })).toThrow(/already exists/);
    expect(() => addDeployment(lib.db, { ...base, name: 'x', timeZone: 'Europe/Marseille' })).toThrow(/unknown time zone/);
    lib.close();
  });

  it('assigning re-reads source times in the deployment zone and sets the position', () => {
    const lib = openLibraryDatabase(path.join(tempDir(), 'lib'));
    insertSamples(lib.db, [sample('cs-1', { startedAt: '2026-05-14T06:03:00Z', latitude: null, longitude: null })]);
    lib.db.prepare("UPDATE samples SET started_at_source = '2026-05-14T06:03:00', time_zone_assumed = 1").run();
    const d = addDeployment(lib.db, { ...base, name: 'SOLEMIO 2026' });
    expect(applyDeployment(lib.db, d, ['cs-1'])).toBe(1);
    const s = getSample(lib.db, 'cs-1')!;
    expect(s).toMatchObject({ startedAt: '2026-05-14T04:03:00Z', latitude: 43.2383, station: 'SOLEMIO', deployment: 'SOLEMIO 2026' });
    expect(lib.db.prepare('SELECT time_zone_assumed FROM samples').pluck().get()).toBe(0);
    // A time that came with an explicit offset is not re-read.
    lib.db.prepare("UPDATE samples SET started_at_source = '2026-05-14T06:03:00+00:00', started_at = '2026-05-14T06:03:00Z'").run();
    applyDeployment(lib.db, d, ['cs-1']);
    expect(getSample(lib.db, 'cs-1')!.startedAt).toBe('2026-05-14T06:03:00Z');
    expect(() => applyDeployment(lib.db, d, ['nope'])).toThrow(/no sample/);
    lib.close();
  });
});

describe('ship deployments', () => {
  it('take the position from the GPS track at the sample time', () => {
    const lib = openLibraryDatabase(path.join(tempDir(), 'lib'));
    insertSamples(lib.db, [sample('cs-1', { startedAt: '2012-11-04T13:50:00Z', latitude: null, longitude: null })]);
    lib.db.prepare("UPDATE samples SET started_at_source = '2012-11-04T13:50:00Z'").run();
    const track = lib.db.prepare("INSERT INTO gps_tracks (sha256, source_path, imported_at) VALUES ('h', 'gps.log', 'now')").run().lastInsertRowid;
    const fix = lib.db.prepare('INSERT INTO gps_points VALUES (?, ?, ?, ?)');
    fix.run(track, '2012-11-04T13:49:00.000Z', 43.1, 5.1);
    fix.run(track, '2012-11-04T13:50:20.000Z', 43.2, 5.2);
    fix.run(track, '2012-11-04T14:30:00.000Z', 43.9, 5.9);
    const d = addDeployment(lib.db, { ...base, name: 'Cruise', station: null, ship: 'Antedon II', latitude: null, longitude: null, timeZone: null });
    applyDeployment(lib.db, d, ['cs-1']);
    expect(getSample(lib.db, 'cs-1')).toMatchObject({ latitude: 43.2, longitude: 5.2, station: 'Antedon II' });
    lib.close();
  });
});
