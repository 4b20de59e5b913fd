import { describe, expect, it } from 'vitest';
import { CurationError } from '../../api/errors.js';
import { readRealFixture } from '../../../electron/test-support/real-fixtures.js';
import { createCyz2JsonReader, parsePmtLevels, readCyz2Json } from './cyz2json-reader.js';
import type { Cyz2JsonDocument, Cyz2JsonImage, Cyz2JsonReaderOptions } from './cyz2json-reader.js';

/*
 * No real cyz2json output is public (formats-cytosense.md §18): the test document is rebuilt from the real key
 * dictionary — its paths and (repaired) example values — with 5485 particles (particlesInFileCount of the real
 * file) derived from its example particle, 514 images (pictureCount) made of the real Cefas JPEGs plus a 3 MB one,
 * and a 2 MB camera background image in the settings, as a real file carries.
 */
const DICTIONARY = 'cytosense-to-ecotaxa-pipeline/features_metadata_cytometry - SSLAMM_micro_setdef_CS101 - collab.csv';
const CEFAS = 'ecotaxa-pipeline/cefas/Pond_NA 2023-05-24 09h23_All Imaged Particles_Images/Pond_NA 2023-05-24 09h23_';

const dict = dictionaryParts(new TextDecoder().decode(readRealFixture(DICTIONARY)));
const cefasJpegs = ['Cropped_63', 'Cropped_88', 'Cropped_118', 'Cropped_151'].map((n) => readRealFixture(`${CEFAS}${n}.jpg`));
const uncropped = readRealFixture(`${CEFAS}Uncropped_118.jpg`);
const bigImage = seededBytes(3_000_000, 7);

const PARAMETER_COLUMNS: [string, string][] = [
  ['length', 'Length'],
  ['total', 'Total'],
  ['maximum', 'Maximum'],
  ['average', 'Average'],
  ['inertia', 'Inertia'],
  ['centreOfGravity', 'Center of gravity'],
  ['fillFactor', 'Fill factor'],
  ['asymmetry', 'Asymmetry'],
  ['numberOfCells', 'Number of cells'],
  ['first', 'First'],
  ['last', 'Last'],
  ['minimum', 'Minimum'],
  ['swscov', 'SWS covariance'],
  ['variableLength', 'Length(13%)'],
];

interface Built {
  bytes: Uint8Array;
  /** Expected column values (float32) per particle, by listmode column name. */
  expected: { id: number; values: Map<string, number> }[];
  images: { particleId: number; bytes: Uint8Array }[];
}

function particleId(i: number): number {
  return i === 0 ? 173 : i === 1 ? 0 : 173 + 3 * i; // the dictionary's example particle first; ID 0 is valid
}

/**
 * The test document; `particles`/`imageCount` shrink it. `mini` keeps only the settings the reader extracts and
 * uses tiny images, for the every-byte-boundary test.
 */
function buildDocument(particles = 5485, imageCount = 514, background = 2_000_000, mini = false): Built {
  const instrument = structuredClone(dict.instrument) as { [k: string]: Json };
  const settings = (instrument.measurementSettings as { [k: string]: Json }).CytoSettings as { [k: string]: Json };
  const machine = settings.CytoSettings as { [k: string]: Json };
  const iif = machine.iif as { [k: string]: Json };
  (iif.Background as { [k: string]: Json }).Data = toBase64(seededBytes(background, 3)); // camera background JPEG
  settings.IIFSetDefintionXml = dict.setDefinitionXml;
  if (mini) {
    const keep = (o: { [k: string]: Json }, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o[k]!]));
    const lean = keep(settings, ['TabName', 'TriggerChannel', 'TriggerLevel1e', 'SmartTriggeringEnabled', 'PMTlevels_str', 'IIFCheck']);
    lean.IIFSetDefintionXml = '<SetList><DefaultSet><Name>Default (all)</Name></DefaultSet></SetList>';
    lean.CytoSettings = { SerialNumber: machine.SerialNumber!, iif: { ImageScaleMuPerPixelP: 0.3, Background: { Data: toBase64(seededBytes(background, 3)) } } };
    instrument.measurementSettings = { CytoSettings: lean };
    instrument.channels = (instrument.channels as Json[]).slice(0, 2);
  }
  const expected: Built['expected'] = [];
  const images: Built['images'] = [];
  const particleList: Json[] = [];
  for (let i = 0; i < particles; i++) {
    const id = particleId(i);
    const factor = i === 0 ? 1 : 1 + i / 1000;
    const values = new Map<string, number>();
    const parameters: Json[] = [];
    for (const entry of mini ? dict.particleParameters.slice(0, 2) : dict.particleParameters) {
      if (i === 3 && entry.description === 'Curvature') continue; // a particle without one channel → NaN
      const p: { [k: string]: Json } = { description: entry.description };
      for (const [key, base] of Object.entries(entry.values)) {
        let v: Json = key === 'sampleLength' || key === 'timeOfArrival' ? base : base * factor;
        if (i === 2 && entry.description === 'FL Red' && key === 'inertia') v = 'NaN'; // Newtonsoft non-finite
        p[key] = v;
        const column = PARAMETER_COLUMNS.find(([k]) => k === key)?.[1];
        const n = typeof v === 'number' ? Math.fround(v) : NaN;
        if (column) values.set(`${entry.description} ${column}`, n);
        if (key === 'sampleLength') values.set('Sample Length', n);
        if (key === 'timeOfArrival') values.set('Arrival Time', n);
      }
      parameters.push(p);
    }
    const pulseShapes = Object.entries(dict.pulseShapeFirstValues).map(([description, first]) => ({
      description,
      values: Array.from({ length: 8 }, (_, k) => first + k * 10 * factor),
    }));
    const hasImage = i % 10 === 5 && i < imageCount * 10;
    const particle: { [k: string]: Json } =
      i === 4
        ? { pulseShapes, parameters, hasImage, particleId: id } // keys in another order
        : { particleId: id, hasImage, pulseShapes, parameters };
    if (i % 7 === 0) particle.region = ['PMTlow!RedMIcroMAXFLR100'];
    particleList.push(particle);
    expected.push({ id, values });
    if (hasImage) {
      const n = images.length;
      // The multi-MB image only in the full document (the every-boundary test needs a small one).
      const jpeg = mini ? seededBytes(100, n) : n === 0 && imageCount > 100 ? bigImage : n % 100 === 1 ? uncropped : cefasJpegs[n % 4]!;
      images.push({ particleId: id, bytes: jpeg });
    }
  }
  const doc = {
    filename: dict.fileName,
    instrument,
    set_information: {
      definition: dict.setDefinitionXml,
      statistics: [
        { name: 'Default (all)', count: particles, images: imageCount, imaged_volume: 'NaN' },
        { name: 'PMTlow!RedMIcroMAXFLR100', count: Math.ceil(particles / 7), images: 0, imaged_volume: 12.5 },
      ],
    },
    particles: particleList,
    images: images.map((im) => ({
      particleId: im.particleId,
      base64: toBase64(im.bytes),
      cropRectangle: { X: 0, Y: 0, Width: 160, Height: 160 },
    })),
  };
  // Newtonsoft: indented, here with the BOM some writers add.
  const bytes = new TextEncoder().encode(`\uFEFF${JSON.stringify(doc, null, 2)}`);
  return { bytes, expected, images };
}

function readInChunks(bytes: Uint8Array, sizes: (at: number) => number, options?: Cyz2JsonReaderOptions) {
  const reader = createCyz2JsonReader(options);
  for (let at = 0; at < bytes.length; ) {
    const n = sizes(at);
    reader.push(bytes.subarray(at, at + n));
    at += n;
  }
  return { doc: reader.finish(), maxBuffered: reader.maxBufferedBytes };
}

/** Particle table comparison without vitest's slow deep equality on big typed arrays. */
function tableMismatches(doc: Cyz2JsonDocument, built: Built): string[] {
  const out: string[] = [];
  const t = doc.particles;
  if (t.particleIds.length !== built.expected.length) return [`${t.particleIds.length} particles`];
  built.expected.forEach((p, row) => {
    if (t.particleIds[row] !== p.id) out.push(`row ${row}: id ${t.particleIds[row]}`);
    t.columns.forEach((c, col) => {
      const want = p.values.get(c.key) ?? NaN;
      const got = t.values[col]![row]!;
      if (!Object.is(want, got) && !(Number.isNaN(want) && Number.isNaN(got))) out.push(`row ${row} ${c.key}: ${got} ≠ ${want}`);
    });
  });
  return out.slice(0, 10);
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

describe('cyz2json reader on a document rebuilt from the real key dictionary', () => {
  const built = buildDocument();

  it('reads instrument, settings and results, with the aliases of the real file', () => {
    const doc = readCyz2Json(built.bytes);
    expect(doc.complete).toBe(true);
    expect(doc.issues).toEqual([]);
    expect(doc.fileName).toBe('SWS250-setFLRMax50-1000im-PMTlow 2025-02-13 14h27.cyz');
    expect(doc.instrument).toEqual({
      name: 'MIO - La Physat',
      serialNumber: 'CS-2020-101',
      sampleCoreSpeed: 2.2,
      laserBeamWidth: 5,
      channels: ['FWS', 'SWS', 'Fl Yellow', 'FL Red', 'Curvature', 'FWS L', 'FWS R'].map((description, id) => ({ id, description })),
    });
    expect(doc.settings).toEqual({
      tabName: 'SWS250-setFLRMax50-1000im-PMTlow',
      triggerChannel: 'SWS',
      triggerLevel: 250,
      smartTrigger: true,
      smartTriggerDescription: 'FL Red Maximum > 50',
      pmtLevels: 'SWS: 55 (25x), Fl Yellow: 80 (192x), FL Red: 75 (366x)',
      pmtLevelsByChannel: [
        { channel: 'SWS', level: 55, gain: 25 },
        { channel: 'Fl Yellow', level: 80, gain: 192 },
        { channel: 'FL Red', level: 75, gain: 366 },
      ],
      samplePumpSpeed: 4.06,
      maximumDuration: 1200,
      takeImages: true,
      setDefinitionXml: dict.setDefinitionXml,
      imageScaleMuPerPixel: 0.3,
      channels: ['FWS', 'SWS', 'Fl Yellow', 'FL Red', 'Curvature', 'FWS L', 'FWS R'],
    });
    expect(doc.settings.setDefinitionXml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\r\n<SetList SerialNumber="CS-2020-101"/);
    expect(doc.results).toEqual({
      start: '2025-02-13T14:28:04.646157+01:00', // offset kept as written
      startUtc: '2025-02-13T13:28:04.646Z',
      duration: null,
      maximumMeasurementTime: 1200, // maximum_measurement_time_s: the configured stop time, kept apart
      particleCount: 464184,
      particlesInFileCount: 5485,
      pictureCount: 514,
      pumpedVolume: 4872, // pumped_volume
      analysedVolume: 4859.499457, // analysed_volume
      particleConcentration: 1.128717072,
      systemTemperature: 27.578514,
      sheathTemperature: 29.610598,
      pmtTemperature: null,
      buoyTemperature: null,
      laserTemperature: null,
      pressureAbsolute: 212.27728, // absolutePressure
      pressureDifferential: -257.76773, // differentialPressure
      referenceVoltageRatio: null,
      intVoltage: null,
      rechargeCurrent: null,
    });
    expect(doc.setInformation).toEqual({
      definitionXml: dict.setDefinitionXml,
      statistics: [
        { name: 'Default (all)', count: 5485, images: 514, imagedVolume: null },
        { name: 'PMTlow!RedMIcroMAXFLR100', count: 784, images: 0, imagedVolume: 12.5 },
      ],
    });
    // Flattened metadata for the metadata panel: the dictionary's paths, array elements indexed.
    expect(doc.metadata['instrument.measurementSettings.CytoSettings.TabName']).toBe('SWS250-setFLRMax50-1000im-PMTlow');
    expect(doc.metadata['instrument.channels[3].description']).toBe('FL Red');
    expect(doc.metadata['instrument.measurementSettings.CytoSettings.CytoSettings.iif.Camera.CameraName']).toBe('PixeLINK PL-D722MU-BL');
    expect(doc.metadata['instrument.measurementSettings.CytoSettings.CytoSettings.DCSamplePump.Constante']).toBe('0.00007');
    // The 2 MB camera background is skipped, not kept.
    expect(doc.metadata['instrument.measurementSettings.CytoSettings.CytoSettings.iif.Background.Data']).toBeUndefined();
    expect(Object.keys(doc.metadata).length).toBeGreaterThan(1000);
  });

  it('gives per-particle parameters as listmode columns (Float32), with NaN for missing values', () => {
    const doc = readCyz2Json(built.bytes);
    const t = doc.particles;
    expect(t.columns).toHaveLength(2 + 7 * 14);
    expect(t.columns.slice(0, 4)).toEqual([
      { channel: null, parameter: 'Sample Length', key: 'Sample Length' },
      { channel: null, parameter: 'Arrival Time', key: 'Arrival Time' },
      { channel: 'FWS', parameter: 'Length', key: 'FWS Length' },
      { channel: 'FWS', parameter: 'Total', key: 'FWS Total' },
    ]);
    expect(t.columns.map((c) => c.key)).toContain('FL Red SWS covariance');
    expect(t.columns.map((c) => c.key)).toContain('FWS R Length(13%)');
    expect(t.particleIds.length).toBe(5485);
    expect(Array.from(t.particleIds.subarray(0, 4))).toEqual([173, 0, 179, 182]);
    // The dictionary's example particle 173, read by eye from the dictionary (float32 of the printed values):
    const col = (key: string) => t.values[t.columns.findIndex((c) => c.key === key)]!;
    expect(col('FWS Total')[0]).toBe(Math.fround(18344.916));
    expect(col('Curvature Total')[0]).toBe(Math.fround(1.79e-7));
    expect(col('FL Red SWS covariance')[0]).toBe(Math.fround(1859403.8));
    expect(col('Sample Length')[0]).toBe(Math.fround(7.15));
    expect(col('Arrival Time')[0]).toBe(Math.fround(0.6408574));
    expect(col('FL Red Inertia')[2]).toBeNaN(); // "NaN" string
    expect(col('Curvature Total')[3]).toBeNaN(); // channel absent
    expect(tableMismatches(doc, built)).toEqual([]);
    // hasImage and set membership (particles[].region)
    expect(t.hasImage.reduce((a, b) => a + b, 0)).toBe(514);
    expect(Object.keys(doc.particleSets)).toEqual(['PMTlow!RedMIcroMAXFLR100']);
    expect(doc.particleSets['PMTlow!RedMIcroMAXFLR100']).toHaveLength(784);
    expect(doc.particleSets['PMTlow!RedMIcroMAXFLR100']!.slice(0, 3)).toEqual([173, particleId(7), particleId(14)]);
  });

  it('lists images by particle and size without keeping their bytes', () => {
    const { doc, maxBuffered } = readInChunks(built.bytes, () => 65_536);
    expect(doc.images).toHaveLength(514);
    expect(doc.images.slice(0, 3)).toEqual<Cyz2JsonImage[]>(
      built.images.slice(0, 3).map((im) => ({
        particleId: im.particleId,
        byteLength: im.bytes.length,
        cropRectangle: { x: 0, y: 0, width: 160, height: 160 },
      })),
    );
    expect(doc.images.map((im) => im.byteLength)).toEqual(built.images.map((im) => im.bytes.length));
    expect(doc.images[0]!.byteLength).toBe(3_000_000);
    // Memory bound: the 4 MB base64 image and the 2.7 MB background never sat in a buffer.
    expect(maxBuffered).toBeLessThanOrEqual(65_536);
    expect(built.bytes.length).toBeGreaterThan(20_000_000);
  });

  it('hands over image bytes one at a time when asked, for the particles asked', () => {
    const got: { image: Cyz2JsonImage; bytes: Uint8Array }[] = [];
    const wanted = new Set([built.images[0]!.particleId, built.images[1]!.particleId, built.images[2]!.particleId]);
    const { doc } = readInChunks(built.bytes, () => 1 << 20, {
      onImage: (image, bytes) => got.push({ image, bytes: bytes.slice() }),
      wantImage: (id) => wanted.has(id),
    });
    expect(got.map((g) => g.image.particleId)).toEqual([...wanted]);
    got.forEach((g, k) => expect(sameBytes(g.bytes, built.images[k]!.bytes), `image ${k}`).toBe(true));
    expect(got[1]!.bytes.subarray(0, 3)).toEqual(new Uint8Array([0xff, 0xd8, 0xff])); // a real Cefas JPEG
    expect(doc.images).toHaveLength(514); // all still listed
  });

  it('passes pulse shapes only when asked', () => {
    const shapes = new Map<number, { channel: string; values: Float32Array }[]>();
    const small = buildDocument(20, 2, 1000);
    readCyz2Json(small.bytes, { onPulseShapes: (id, s) => shapes.set(id, s) });
    expect(shapes.size).toBe(20);
    const first = shapes.get(173)!;
    expect(first.map((s) => s.channel)).toEqual(['FWS', 'SWS', 'Fl Yellow', 'FL Red', 'Curvature', 'FWS L', 'FWS R']);
    expect(first[0]!.values.length).toBe(8);
    expect(first[0]!.values[0]).toBe(Math.fround(314.66666)); // dictionary particles.pulseShapes.values1 of FWS
    expect(first[0]!.values[1]).toBe(Math.fround(324.66666));
  });

  it('gives the same result whatever the chunking (seeded random sizes)', () => {
    const seed = 20250213;
    console.log(`cyz2json chunking seed ${seed}`);
    let s = seed;
    const whole = readCyz2Json(built.bytes);
    const { doc } = readInChunks(built.bytes, () => ((s = (s * 1103515245 + 12345) >>> 0) % 100_000) + 1);
    expect(tableMismatches(doc, built)).toEqual([]);
    expect(doc.images).toEqual(whole.images);
    expect(doc.metadata).toEqual(whole.metadata);
    expect(doc.settings).toEqual(whole.settings);
  });

  it('splits a small document at every byte boundary', () => {
    const small = buildDocument(6, 1, 300, true);
    expect(small.bytes.length).toBeLessThan(30_000); // re-read 74 times below
    // A 64-byte inline limit streams every longer string (and drops long metadata strings other than set XML).
    const whole = readCyz2Json(small.bytes, { inlineStringLimit: 64 });
    expect(whole.issues).toEqual([
      { field: 'particlesInFileCount', message: 'results say 5485 particles in the file, the file holds 6' },
    ]);
    expect(whole.particles.columns).toHaveLength(2 + 2 * 14);
    expect(whole.images).toEqual([{ particleId: particleId(5), byteLength: 100, cropRectangle: { x: 0, y: 0, width: 160, height: 160 } }]);
    expect(whole.settings.tabName).toBe('SWS250-setFLRMax50-1000im-PMTlow');
    const summary = (d: Cyz2JsonDocument) =>
      JSON.stringify({ ...d, particles: { ...d.particles, values: d.particles.values.map((v) => Array.from(v)), particleIds: Array.from(d.particles.particleIds), hasImage: Array.from(d.particles.hasImage) } });
    const expected = summary(whole);
    // Chunks of `size` bytes after a first chunk of `offset` bytes: over all offsets, every byte boundary is a
    // chunk boundary (size 1 alone covers them all at once).
    const run = (offset: number, size: number) => {
      const r = createCyz2JsonReader({ inlineStringLimit: 64 });
      r.push(small.bytes.subarray(0, offset));
      for (let at = offset; at < small.bytes.length; at += size) r.push(small.bytes.subarray(at, at + size));
      return summary(r.finish());
    };
    expect(run(0, 1)).toBe(expected);
    for (const size of [2, 3, 7, 61]) {
      for (let offset = 0; offset < size; offset++) expect(run(offset, size), `offset ${offset}, size ${size}`).toBe(expected);
    }
  });
});

describe('cyz2json key variants and broken files', () => {
  const lean = (results: Record<string, Json>, extra: Record<string, Json> = {}) =>
    new TextEncoder().encode(
      JSON.stringify({
        filename: 'x 2024-01-01 10h00.cyz',
        instrument: {
          name: 'Buoy',
          serialNumber: 'CS-2015-01',
          measurementSettings: {
            name: 'Pico',
            duration: 600,
            pumpSpeed: 2.5,
            triggerChannel: 'FL Red',
            triggerLevel: 20,
            smartTrigger: false,
            smartTriggerDescription: '',
            takeImages: false,
            PMTlevels_str: 'FL Red: 90 (1000x)',
          },
          measurementResults: results,
        },
        particles: [],
        ...extra,
      }),
    );

  it('reads the lean (--metadatagreedy false) settings and the canonical result keys', () => {
    const doc = readCyz2Json(
      lean({
        start: '2024-01-01T10:01:00-03:00',
        duration: 597.5,
        particleCount: 10,
        particlesInFileCount: 0,
        pumpedVolume: 1500,
        analysedVolume: 1490.5,
        PMTtemperature: 31.5,
        laserTemperature: 'NaN',
        pressureAbsolute: 1010,
        pressureDifferential: -3,
      }),
    );
    expect(doc.issues).toEqual([]);
    expect(doc.settings).toMatchObject({
      tabName: 'Pico',
      triggerChannel: 'FL Red',
      triggerLevel: 20,
      smartTrigger: false,
      samplePumpSpeed: 2.5,
      maximumDuration: 600,
      takeImages: false,
      pmtLevelsByChannel: [{ channel: 'FL Red', level: 90, gain: 1000 }],
      channels: [],
    });
    expect(doc.results).toMatchObject({
      start: '2024-01-01T10:01:00-03:00',
      startUtc: '2024-01-01T13:01:00.000Z',
      duration: 597.5,
      pumpedVolume: 1500,
      analysedVolume: 1490.5,
      pmtTemperature: 31.5,
      laserTemperature: null, // "NaN"
      pressureAbsolute: 1010,
      pressureDifferential: -3,
    });
    expect(doc.setInformation).toBeNull();
    expect(doc.particles.columns).toEqual([]);
  });

  it('reports a start time without offset and images announced but absent', () => {
    const doc = readCyz2Json(lean({ start: '2024-01-01T10:01:00' }, { particles: [{ particleId: 1, hasImage: true, parameters: [] }] }));
    expect(doc.results.startUtc).toBeNull();
    expect(doc.issues).toEqual([
      { field: 'measurementResults.start', message: 'start "2024-01-01T10:01:00" has no UTC offset: time zone unknown' },
      { field: 'images', message: '1 particles marked hasImage have no entry in images' },
    ]);
  });

  it('reads parameters keyed by channel (object form) and odd particles', () => {
    const doc = readCyz2Json(
      lean({}, {
        particles: [
          { particleId: 5, parameters: { 'FL Red': { total: 12.5, centerOfGravity: 3, swsCov: 1e10, newThing: 7 } } },
          { hasImage: true, parameters: [{ description: 'FL Red', total: 1 }] }, // no particleId
          { particleId: 5, parameters: [{ total: 2 }, { description: 'FL Red', total: '3.5' }] }, // duplicate id, entry without channel
        ],
        images: [{ base64: 'AAAA' }, { particleId: 5, base64: 'AA!A' }, { particleId: 5 }],
      }),
    );
    expect(doc.particles.columns.map((c) => c.key)).toEqual(['FL Red Total', 'FL Red Center of gravity', 'FL Red SWS covariance', 'FL Red newThing']);
    expect(Array.from(doc.particles.particleIds)).toEqual([5, 5]);
    expect(Array.from(doc.particles.values[0]!)).toEqual([12.5, 3.5]);
    expect(doc.particles.values[2]![0]).toBe(Math.fround(1e10));
    expect(doc.images).toEqual([{ particleId: 5, byteLength: 0, cropRectangle: null }]);
    expect(doc.issues).toEqual([
      { field: 'images[0]', message: 'image without particleId; skipped' },
      { field: 'images[1].base64', message: 'image of particle 5: invalid base64 character "!" at 2; skipped' },
      { field: 'images[2]', message: 'image of particle 5 has no data' },
      { field: 'particles', message: '1 particles without particleId; skipped' },
      { field: 'particles', message: '1 particles repeat an earlier particleId' },
      { field: 'particles[].parameters', message: '1 parameter entries without channel description; skipped' },
    ]);
  });

  it('returns what it read from a cut file, with an issue', () => {
    const built = buildDocument(50, 3, 1000);
    const text = new TextDecoder().decode(built.bytes);
    // Half way through the particles (byte offsets: the text before them is ASCII but for the BOM and µ).
    const charAt = Math.floor((text.indexOf('"particles"') + text.lastIndexOf('"images"')) / 2);
    const cutAt = new TextEncoder().encode(text.slice(0, charAt)).length;
    const doc = readCyz2Json(built.bytes.subarray(0, cutAt));
    expect(doc.complete).toBe(false);
    expect(doc.settings.tabName).toBe('SWS250-setFLRMax50-1000im-PMTlow');
    const n = doc.particles.particleIds.length;
    expect(n).toBeGreaterThan(10);
    expect(n).toBeLessThan(50);
    expect(doc.issues).toHaveLength(1);
    expect(doc.issues[0]!.offset).toBe(cutAt);
    expect(doc.issues[0]!.message).toMatch(new RegExp(`^file ends inside (a string|a key|\\d+ open containers): the file is cut; ${n} particles and 0 images read$`));
  });

  it('rejects what is not cyz2json', () => {
    const reject = (bytes: Uint8Array, message: string) => {
      let err: unknown;
      try {
        readCyz2Json(bytes);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CurationError);
      expect((err as CurationError).message).toBe(message);
    };
    const enc = (s: string) => new TextEncoder().encode(s);
    reject(new Uint8Array(0), 'not a cyz2json document: no JSON value (empty file)');
    reject(enc('[{"particleId":1}]'), 'not a cyz2json document: the top level is an array, not an object');
    reject(enc('{"name":"x","rows":[1,2]}'), 'not a cyz2json document: no "instrument" or "particles" at the top level');
    reject(enc('"just a string"'), 'not a cyz2json document: the document is a single value, not an object');
    reject(readRealFixture('rclustool/img_example/10.jpg'), 'JSON syntax error at byte 0: expected a value');
    reject(enc('Particle ID,FWS Total\n1,2\n'), 'JSON syntax error at byte 0: "Particle" is not a JSON value');
  });

  it('parsePmtLevels', () => {
    expect(parsePmtLevels('SWS: 55 (25x), Fl Yellow: 80 (192x), FL Red: 75 (366x)')).toHaveLength(3);
    expect(parsePmtLevels('FWS: 10')).toEqual([{ channel: 'FWS', level: 10, gain: null }]);
    expect(parsePmtLevels('')).toEqual([]);
  });
});

// ---- building the test document from the key dictionary --------------------------------------------------------
type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

/** RFC 4180 rows (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** Undoes what the spreadsheet did to an example value. */
function repairValue(v: string): Json {
  if (v === 'TRUE') return true;
  if (v === 'FALSE') return false;
  if (v === 'NaN') return 'NaN'; // Newtonsoft writes non-finite doubles as strings
  if (/^-?\d+(,\d+)?(E[+-]?\d+)?$/i.test(v)) return Number(v.replace(',', '.'));
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v)) return v.replace(' ', 'T');
  return v.replace(/Âµ/g, 'µ');
}

/** Sets a flattened path; a leaf seen again in the same object starts a new element of that object's array. */
function setFlatPath(root: Obj, path: readonly string[], value: Json): void {
  let holder: Obj = root;
  let obj: Obj = root;
  let slot = '';
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i]!;
    let child = obj[k];
    if (child === undefined) {
      child = {};
      obj[k] = child;
    }
    holder = obj;
    slot = k;
    obj = (Array.isArray(child) ? child[child.length - 1] : child) as Obj;
  }
  const leaf = path[path.length - 1]!;
  if (leaf in obj && obj !== root) {
    const fresh: Obj = {};
    const current = holder[slot]!;
    if (Array.isArray(current)) current.push(fresh);
    else holder[slot] = [current, fresh];
    obj = fresh;
  }
  obj[leaf] = value;
}

interface DictionaryParts {
  fileName: string;
  instrument: Obj;
  /** Example particle: channel → (JSON key → value). */
  particleParameters: { description: string; values: Record<string, number> }[];
  pulseShapeFirstValues: Record<string, number>;
  setDefinitionXml: string;
}

function dictionaryParts(csvText: string): DictionaryParts {
  const rows = parseCsv(csvText.replace(/^\uFEFF/, ''));
  const root: Obj = {};
  const particleParameters: DictionaryParts['particleParameters'] = [];
  const pulseShapeFirstValues: Record<string, number> = {};
  let pulseChannel = '';
  const xml: string[] = [];
  let inXml = false;
  for (const row of rows.slice(1)) {
    const [path = '', example = ''] = row;
    if (path === 'instrument.measurementSettings.CytoSettings.IIFSetDefintionXml') {
      inXml = true;
      xml.push(example);
      continue;
    }
    if (inXml) {
      if (path !== '') xml.push(path);
      continue;
    }
    if (path.startsWith('particles.parameters.')) {
      const key = path.slice('particles.parameters.'.length);
      if (key === 'description') particleParameters.push({ description: example, values: {} });
      else particleParameters[particleParameters.length - 1]!.values[key] = repairValue(example) as number;
      continue;
    }
    if (path.startsWith('particles.pulseShapes.')) {
      if (path.endsWith('.description')) pulseChannel = example;
      else pulseShapeFirstValues[pulseChannel] = repairValue(example) as number;
      continue;
    }
    if (path === 'filename' || path.startsWith('instrument.')) setFlatPath(root, path.split('.'), repairValue(example));
  }
  // The XML went through the spreadsheet with its quotes doubled once more.
  const setDefinitionXml = xml.join('\r\n').replace(/""/g, '"').replace(/Âµ/g, 'µ');
  return {
    fileName: root.filename as string,
    instrument: root.instrument as Obj,
    particleParameters,
    pulseShapeFirstValues,
    setDefinitionXml,
  };
}

/** Deterministic pseudo-random bytes. */
function seededBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

function toBase64(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += alphabet[a >> 2]! + alphabet[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : alphabet[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : alphabet[c & 63]!;
  }
  return out;
}
