import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../common/app-paths.js';
import { addDeployment } from '../library/deployment-store.js';
import { openLibraryDatabase } from '../library/library-database.js';
import { getSample } from '../library/sample-store.js';
import { realFixture } from '../test-support/real-fixtures.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { readFloat32File, readUint32File } from './column-store.js';
import { importPaths } from './importer.js';

const tempDir = useTempDirs();
const cefas = () => path.dirname(realFixture('ecotaxa-pipeline/cefas/Pond_NA 2023-05-24 09h23_Info.txt'));
const demoExports = path.join(projectRoot(), 'resources', 'demo', 'exports');
const options = { importerVersion: 'test', deployment: null, worker: false as const };

function library() {
  return openLibraryDatabase(path.join(tempDir(), 'lib'));
}

function filesUnder(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(dir, f)).isFile()) : [];
}

describe('import of a real CytoClus 4 export (Cefas, set export only)', () => {
  it('stores the union of the exported sets as a partial sample with exact UTC time from the image offsets', async () => {
    const lib = library();
    const report = await importPaths(lib, [cefas()], options);
    expect(report.errors).toEqual([]);
    expect(report.samples).toHaveLength(1);
    const s = report.samples[0]!;
    // From the Info file: "Measurement date: 24/05/2023 09:26:01"; the image comments say +01:00.
    expect(s).toMatchObject({
      name: 'Pond_NA 2023-05-24 09h23',
      status: 'imported',
      measurementStart: '2023-05-24T08:26:01Z',
      measurementStartSource: '2023-05-24T09:26:01+01:00',
      timeZoneAssumed: false,
      partial: true,
      events: 817,
      volumeAnalysed_uL: 902.452406027101,
      sets: [{ name: 'All Imaged Particles', events: 817 }],
    });
    expect(s.id).toMatch(/^cs-[0-9a-f]{16}$/);
    expect(s.images.linked).toBe(4);
    expect(s.images.missing).toHaveLength(813);
    expect(s.images.missing).not.toContain(63);

    const detail = getSample(lib.db, s.id)!;
    expect(detail.columns).toHaveLength(72);
    expect(detail.columns.slice(0, 4)).toEqual(['Sample Length', 'Arrival Time', 'FWS Length', 'FWS Total']);
    expect(detail.instrument).toBe('Cefas III');
    expect(detail.imageCount).toBe(4);
    // The stored columns hold the file's values: first data row is "63,18,0.1873,2.914,4866,…".
    const cols = lib.db.prepare('SELECT header, path FROM event_columns WHERE import_id = (SELECT current_import_id FROM samples) ORDER BY position').all() as { header: string; path: string }[];
    const column = (h: string) => readFloat32File(path.join(lib.filesDir, cols.find((c) => c.header === h)!.path), 817);
    const ids = readUint32File(path.join(lib.filesDir, 'samples', s.id, 'v1', 'events', 'particle-ids.u32'), 817);
    const row = ids.indexOf(63);
    expect(column('Sample Length')[row]).toBe(18);
    expect(column('FWS Length')[row]).toBe(Math.fround(2.914));
    expect(column('FWS Total')[row]).toBe(4866);
    // Images are stored once per particle and kind, and their hashes recorded.
    const images = lib.db.prepare('SELECT particle_id, cropped FROM particle_images ORDER BY particle_id, cropped').all();
    expect(images).toEqual([63, 88, 118, 151].flatMap((id) => [{ particle_id: id, cropped: 0 }, { particle_id: id, cropped: 1 }]));
    lib.close();
  });

  it('re-importing the same content changes nothing; a new export of the measurement is a new version', async () => {
    const lib = library();
    const first = await importPaths(lib, [cefas()], options);
    const before = filesUnder(lib.filesDir).length;
    const again = await importPaths(lib, [cefas()], options);
    expect(again.samples.map((s) => [s.id, s.status, s.version])).toEqual([[first.samples[0]!.id, 'unchanged', 1]]);
    expect(filesUnder(lib.filesDir).length).toBe(before);

    // Same measurement, exported again with fewer images: same sample, version 2.
    const copy = path.join(tempDir(), 'cefas-again');
    fs.cpSync(cefas(), copy, { recursive: true });
    const imagesDir = path.join(copy, 'Pond_NA 2023-05-24 09h23_All Imaged Particles_Images');
    for (const f of fs.readdirSync(imagesDir).filter((f) => f.includes('_151'))) fs.rmSync(path.join(imagesDir, f));
    const next = await importPaths(lib, [copy], options);
    expect(next.samples.map((s) => [s.id, s.status, s.version])).toEqual([[first.samples[0]!.id, 'new-version', 2]]);
    expect(next.samples[0]!.images.linked).toBe(3);
    expect(lib.db.prepare('SELECT count(*) FROM samples').pluck().get()).toBe(1);
    expect(getSample(lib.db, first.samples[0]!.id)!.importVersion).toBe(2);
    lib.close();
  });
});

describe('import of the demo exports', () => {
  it('reads every demo sample with its Default (all) events and images, through a worker thread', async () => {
    const lib = library();
    const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'resources', 'demo', 'demo-manifest.json'), 'utf8')) as {
      samples: { name: string; eventCount: number; imageCount: number; volumeMicrolitres: number }[];
    };
    const report = await importPaths(lib, [demoExports], { ...options, worker: {} });
    expect(report.errors).toEqual([]);
    expect(report.samples.map((s) => s.name).sort()).toEqual(manifest.samples.map((s) => s.name).sort());
    for (const expected of manifest.samples) {
      const got = report.samples.find((s) => s.name === expected.name)!;
      expect(got).toMatchObject({ partial: false, events: expected.eventCount, timeZoneAssumed: true });
      expect(got.images).toEqual({ linked: expected.imageCount, missing: [] });
      expect(got.volumeAnalysed_uL).toBeCloseTo(expected.volumeMicrolitres, 3);
    }
    lib.close();
  });

  it('assigns a deployment by rule and reads the source time in its zone', async () => {
    const lib = library();
    addDeployment(lib.db, {
      name: 'Frioul 2026', instrument: null, instrumentSerial: null, station: 'Frioul', ship: null, latitude: 43.275, longitude: 5.3,
      samplingDepthMetres: 1, bottomDepthMetres: null, timeZone: 'Europe/Paris', somlitSiteId: null,
      rule: { folder: demoExports, serial: null, from: '2026-05-14T06:20:00Z', to: '2026-05-14T06:40:00Z' },
    });
    const report = await importPaths(lib, [demoExports], options);
    const frioul = report.samples.find((s) => s.name === 'DEMO Frioul 2026-05-14 06h30')!;
    // Written 06:32:16 on a clock in Paris summer time (UTC+2).
    expect(frioul).toMatchObject({ deployment: 'Frioul 2026', measurementStart: '2026-05-14T04:32:16Z', timeZoneAssumed: false });
    expect(report.samples.filter((s) => s.deployment !== null)).toHaveLength(1);
    expect(getSample(lib.db, frioul.id)).toMatchObject({ station: 'Frioul', latitude: 43.275 });
    lib.close();
  });
});

describe('a batch with bad files', () => {
  it('imports the valid samples, reports bad rows by line and bad files by reason, and leaves nothing half-written', async () => {
    const lib = library();
    const batch = tempDir();
    const demoFolder = fs.readdirSync(demoExports)[0]!;
    const good = path.join(batch, 'good');
    fs.cpSync(path.join(demoExports, demoFolder), good, { recursive: true });
    // A sample whose listmode has one short row on line 4: the row is rejected, the rest kept.
    fs.writeFileSync(path.join(batch, 'short 2026-01-01 00h00_Listmode.csv'), 'Particle ID,FWS Total,Fl Red Total\r\n0,1,2\r\n1,3,4\r\n2,5\r\n3,7,8\r\n');
    // A listmode that is binary junk: the sample fails, nothing of it is stored.
    fs.writeFileSync(path.join(batch, 'junk 2026-01-01 01h00_Listmode.csv'), Buffer.from([0, 1, 2, 0xff, 0xfe, 0, 0, 9, 13, 10, 0, 0]));
    fs.writeFileSync(path.join(batch, 'notes.docx'), 'x');
    fs.writeFileSync(path.join(batch, 'fake.cyz'), 'not really');
    const report = await importPaths(lib, [batch, path.join(batch, 'missing-folder')], options);

    expect(report.samples.filter((s) => s.name.startsWith('DEMO'))).toHaveLength(4);
    const short = report.samples.find((s) => s.name === 'short 2026-01-01 00h00')!;
    expect(short.events).toBe(3);
    expect(report.errors).toContainEqual(expect.objectContaining({ file: path.join(batch, 'short 2026-01-01 00h00_Listmode.csv'), line: 4 }));
    const junk = report.errors.find((e) => e.file?.includes('junk 2026-01-01 01h00'));
    expect(junk?.message).toBeTruthy();
    expect(report.samples.some((s) => s.name.startsWith('junk'))).toBe(false);
    expect(report.errors).toContainEqual(expect.objectContaining({ code: 'not-found', file: path.join(batch, 'missing-folder') }));
    expect(report.skipped.map((s) => path.basename(s.file)).sort()).toEqual(['fake.cyz', 'notes.docx']);
    // Nothing staged is left behind, and only imported samples have folders.
    expect(fs.existsSync(path.join(lib.filesDir, '.staging', report.job))).toBe(false);
    const sampleDirs = fs.readdirSync(path.join(lib.filesDir, 'samples')).sort();
    expect(sampleDirs).toEqual(report.samples.map((s) => s.id).sort());
    lib.close();
  });

  it('a header-only listmode imports as a sample with 0 events', async () => {
    const lib = library();
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'empty 2026-01-01 00h00_Listmode.csv'), '\uFEFFParticle ID;FWS Total;Fl Red Total\r\n');
    const report = await importPaths(lib, [dir], options);
    expect(report.errors).toEqual([]);
    expect(report.samples[0]).toMatchObject({ events: 0, status: 'imported' });
    lib.close();
  });
});

describe('zipped image folders', () => {
  it('links images from a zip (CytoClus output="zip"), ignoring macOS junk entries', async () => {
    const { zipSync } = await import('fflate');
    const lib = library();
    const copy = path.join(tempDir(), 'cefas-zip');
    fs.cpSync(cefas(), copy, { recursive: true });
    const folderName = 'Pond_NA 2023-05-24 09h23_All Imaged Particles_Images';
    const folder = path.join(copy, folderName);
    const entries: Record<string, Uint8Array> = { '__MACOSX/._x.jpg': new Uint8Array([0]), [`${folderName}/.DS_Store`]: new Uint8Array([1]) };
    for (const f of fs.readdirSync(folder)) entries[`${folderName}/${f}`] = new Uint8Array(fs.readFileSync(path.join(folder, f)));
    fs.writeFileSync(path.join(copy, `${folderName}.zip`), zipSync(entries));
    fs.rmSync(folder, { recursive: true });
    const report = await importPaths(lib, [copy], options);
    expect(report.errors).toEqual([]);
    expect(report.samples[0]!.images.linked).toBe(4);
    expect(lib.db.prepare('SELECT count(*) FROM particle_images').pluck().get()).toBe(8);
    // Each image's size is recorded at import (the sync sends it without a stat per image).
    for (const im of lib.db.prepare('SELECT path, size_bytes FROM particle_images').all() as { path: string; size_bytes: number }[]) {
      expect(im.size_bytes).toBe(fs.statSync(path.join(lib.filesDir, im.path)).size);
    }
    lib.close();
  });
});

describe('cyz2json documents', () => {
  it('import with the exact UTC start and become a version of the same sample as the CytoClus export', async () => {
    const lib = library();
    const dir = tempDir();
    const jpeg = new Uint8Array(fs.readFileSync(realFixture('ecotaxa-pipeline/cefas/Pond_NA 2023-05-24 09h23_All Imaged Particles_Images/Pond_NA 2023-05-24 09h23_Cropped_63.jpg')));
    const particle = (id: number, red: number, hasImage: boolean) => ({
      particleId: id,
      hasImage,
      parameters: [
        { description: 'FWS', length: 3, total: 100 + id, maximum: 20 },
        { description: 'FL Red', length: 2, total: red, maximum: red / 10 },
      ],
    });
    const doc = {
      filename: 'Pond_NA 2023-05-24 09h23.cyz',
      instrument: {
        name: 'Cefas III',
        serialNumber: 'CS-2022-114',
        measurementResults: { start: '2023-05-24T09:26:01.2613822+01:00', duration: 180, analysedVolume: 902.45 },
      },
      particles: [particle(0, 50, false), particle(63, 5000, true), particle(88, 7000, true)],
      images: [{ particleId: 63, base64: Buffer.from(jpeg).toString('base64') }],
    };
    fs.writeFileSync(path.join(dir, 'Pond_NA 2023-05-24 09h23.cyz.json'), JSON.stringify(doc, null, 2));
    const report = await importPaths(lib, [dir], options);
    expect(report.errors).toEqual([]);
    const s = report.samples[0]!;
    expect(s).toMatchObject({ name: 'Pond_NA 2023-05-24 09h23', measurementStart: '2023-05-24T08:26:01.261Z', timeZoneAssumed: false, events: 3 });
    expect(s.images).toEqual({ linked: 1, missing: [88] });
    const detail = getSample(lib.db, s.id)!;
    expect(detail.columns).toEqual(expect.arrayContaining(['FWS Total', 'FL Red Total']));
    const redPath = lib.db.prepare("SELECT path FROM event_columns WHERE header = 'FL Red Total'").pluck().get() as string;
    expect(Array.from(readFloat32File(path.join(lib.filesDir, redPath)))).toEqual([50, 5000, 7000]);

    // The CytoClus export of the same measurement (same serial in its image comments, same clock, same name).
    const cytoclus = await importPaths(lib, [cefas()], options);
    expect(cytoclus.samples[0]).toMatchObject({ id: s.id, status: 'new-version', version: 2 });
    lib.close();
  });
});
