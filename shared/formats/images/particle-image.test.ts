import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CurationError } from '../../api/errors.js';
import { readRealFixture, realFixture } from '../../../electron/test-support/real-fixtures.js';
import { readExif } from './exif.js';
import { readJpegHeader } from './jpeg-header.js';
import { exifDateTimeToIso, inspectParticleImage, parseSampleDashId } from './particle-image.js';
import { readXmpFields } from './xmp.js';

const CEFAS_IMAGES = 'ecotaxa-pipeline/cefas/Pond_NA 2023-05-24 09h23_All Imaged Particles_Images';
const SAMPLE = 'Pond_NA 2023-05-24 09h23';
const cefas = (name: string) => readRealFixture(`${CEFAS_IMAGES}/${SAMPLE}_${name}.jpg`);

// Sizes from the SOF segments (checked with a Python segment walker); IDs and kinds from the EXIF comments.
const cefasImages = [
  { name: 'Cropped_63', particleId: 63, cropped: true, width: 80, height: 80 },
  { name: 'Cropped_88', particleId: 88, cropped: true, width: 160, height: 160 },
  { name: 'Cropped_118', particleId: 118, cropped: true, width: 160, height: 160 },
  { name: 'Cropped_151', particleId: 151, cropped: true, width: 160, height: 160 },
  { name: 'Uncropped_63', particleId: 63, cropped: false, width: 1936, height: 1464 },
  { name: 'Uncropped_88', particleId: 88, cropped: false, width: 1936, height: 1464 },
  { name: 'Uncropped_118', particleId: 118, cropped: false, width: 1936, height: 1464 },
  { name: 'Uncropped_151', particleId: 151, cropped: false, width: 1936, height: 1464 },
];

describe('Cefas CytoClus images: EXIF, XMP and size from the first 4 KB', () => {
  for (const img of cefasImages) {
    it(img.name, () => {
      const head = cefas(img.name).subarray(0, 4096);
      expect(inspectParticleImage(`${SAMPLE}_${img.name}.jpg`, head)).toEqual({
        fileName: `${SAMPLE}_${img.name}.jpg`,
        sample: SAMPLE,
        particleId: img.particleId,
        cropped: img.cropped,
        identitySource: 'metadata',
        // XPComment "Date:" keeps the .NET offset; UTC computed by hand: 09:26:01.2613822+01:00 → 08:26:01.261Z
        measurementStart: '2023-05-24T09:26:01.2613822+01:00',
        measurementStartUtc: '2023-05-24T08:26:01.261Z',
        instrumentSerial: 'CS-2022-114',
        software: 'CytoClus',
        format: 'jpeg',
        width: img.width,
        height: img.height,
        components: 1,
        truncated: false,
        issues: [],
      });
    });
  }

  it('reads the literal tags of Cropped_118 (formats-cytosense.md §8.3)', () => {
    const h = readJpegHeader(cefas('Cropped_118'));
    expect(h.exif).toEqual({
      byteOrder: 'big-endian',
      imageDescription: 'Pond_NA 2023-05-24 09h23 - 118',
      software: 'CytoClus',
      dateTimeOriginal: '2023:05:24 09:26:01',
      subSecTimeOriginal: '26',
      xpTitle: 'Pond_NA 2023-05-24 09h23 - 118',
      xpComment:
        'Datafile: Pond_NA 2023-05-24 09h23\r\nParticle ID: 118\r\nDate: 2023-05-24T09:26:01.2613822+01:00\r\nProcess: Cropped\r\nCytoSense: CS-2022-114',
    });
    expect(readXmpFields(h.xmp!)).toEqual({
      creatorTool: 'CytoClus',
      createDate: '2023-05-24T09:26:01.261',
      title: 'Pond_NA 2023-05-24 09h23 - 118',
      description: 'Pond_NA 2023-05-24 09h23 - 118',
    });
    expect(h.bitsPerSample).toBe(8);
  });

  it('identifies a renamed Cefas image from its EXIF and flags a misleading name', () => {
    const head = cefas('Uncropped_151').subarray(0, 8192);
    const renamed = inspectParticleImage('photo.jpg', head);
    expect(renamed).toMatchObject({ particleId: 151, cropped: false, sample: SAMPLE, identitySource: 'metadata', issues: [] });
    const misnamed = inspectParticleImage('63.jpg', head);
    expect(misnamed.particleId).toBe(151);
    expect(misnamed.issues).toEqual([
      { field: 'Particle ID', message: 'file name says particle 63 but the image metadata says 151; using the metadata' },
    ]);
    const otherSample = inspectParticleImage('Other 2023-05-24 09h23_Cropped_151.jpg', head);
    expect(otherSample.issues.map((i) => i.field)).toEqual(['Datafile', 'Process']);
  });
});

describe('RclusTool renamed images (no EXIF): identity from the name', () => {
  it('img_example: <ParticleID>.jpg, 84×84 RGB', () => {
    const dir = realFixture('rclustool/img_example');
    for (const name of ['10.jpg', '100.jpg', '101.jpg']) {
      const bytes = new Uint8Array(fs.readFileSync(path.join(dir, name)));
      expect(inspectParticleImage(name, bytes)).toMatchObject({
        particleId: Number(name.slice(0, -4)),
        cropped: null,
        sample: null,
        identitySource: 'file-name',
        measurementStart: null,
        software: null,
        width: 84,
        height: 84,
        components: 3,
        issues: [],
      });
    }
  });
  it('train_example: <ParticleID>_<sample>.jpg, 480×480 RGB', () => {
    for (const [rel, id] of [
      ['rclustool/train_example/Beads/2673_protos_2016-09-01_17u57.jpg', 2673],
      ['rclustool/train_example/Phytoplankton/Nano/130_protos_2016-09-01_17u57.jpg', 130],
    ] as const) {
      expect(inspectParticleImage(rel, readRealFixture(rel).subarray(0, 2048))).toMatchObject({
        particleId: id,
        sample: 'protos_2016-09-01_17u57',
        identitySource: 'file-name',
        width: 480,
        height: 480,
        components: 3,
        issues: [],
      });
    }
  });
});

describe('broken and unusual images', () => {
  it('reads what it can from a JPEG cut inside its EXIF block', () => {
    const cut = cefas('Cropped_118').subarray(0, 0x100);
    const r = inspectParticleImage(`${SAMPLE}_Cropped_118.jpg`, cut);
    // ImageDescription and DateTimeOriginal lie before byte 0x100; XPTitle/XPComment do not.
    expect(r).toMatchObject({
      particleId: 118,
      sample: SAMPLE,
      cropped: true, // from the name: the comment with "Process" is cut off
      identitySource: 'metadata',
      measurementStart: '2023-05-24T09:26:01.26', // EXIF local time, no offset
      measurementStartUtc: null,
      instrumentSerial: null,
      width: null,
      truncated: true,
    });
    expect(r.issues.map((i) => i.message)).toEqual([
      // APP1 length 0x022E = 558 → 558 − 2 − 6 ("Exif\0\0") = 550 TIFF bytes; the TIFF starts at 0x1E: 0x100 − 0x1E = 226
      'EXIF segment cut: 226 of 550 bytes present',
      'EXIF tag xpTitle points past the end of the data',
      'EXIF tag xpComment points past the end of the data',
    ]);
    expect(r.issues[1]!.offset).toBe(0x1e + 8 + 2 + 3 * 12); // 4th IFD0 entry, file offset
  });

  it('a JPEG cut before its frame header is truncated, not broken', () => {
    const r = inspectParticleImage('10.jpg', readRealFixture('rclustool/img_example/10.jpg').subarray(0, 100));
    expect(r).toMatchObject({ particleId: 10, width: null, truncated: true, issues: [] });
  });

  it('reports junk where a marker should be, empty files and non-images', () => {
    const bytes = readRealFixture('rclustool/img_example/10.jpg').slice(0, 200);
    bytes[20] = 0x00; // first byte of the DQT segment after APP0 (APP0 is 2+16 bytes from offset 2)
    const r = inspectParticleImage('10.jpg', bytes);
    expect(r.issues).toEqual([{ offset: 20, message: 'expected a JPEG marker at byte 20, found 0x00' }]);
    expect(inspectParticleImage('1.jpg', new Uint8Array(0)).issues).toEqual([{ offset: 0, message: 'empty image file' }]);
    expect(inspectParticleImage('1.jpg', new TextEncoder().encode('Particle ID,FWS Total\n')).issues).toEqual([
      { offset: 0, message: 'not a JPEG or PNG image' },
    ]);
    expect(inspectParticleImage('notes.jpg', new Uint8Array(0)).issues).toContainEqual({
      message: 'no particle ID in the image metadata or the file name',
    });
    expect(() => readJpegHeader(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toThrow(CurationError);
  });

  it('reads PNG sizes (CytoClus img="png")', () => {
    const png = new Uint8Array(33);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    new DataView(png.buffer).setUint32(16, 240);
    new DataView(png.buffer).setUint32(20, 160);
    expect(inspectParticleImage('S 2020-01-01 10h00_Cropped_5.png', png)).toMatchObject({
      format: 'png',
      width: 240,
      height: 160,
      particleId: 5,
      identitySource: 'file-name',
      issues: [],
    });
  });

  it('reads little-endian EXIF with an ASCII UserComment', () => {
    const comment = 'Datafile: Buoy 2019-01-22 08h52\nParticle ID: 0\nDate: 2019-01-22T08:53:10.5-03:00\nProcess: Uncropped\nCytoSense: CS-2015-01';
    const tiff = littleEndianExif('Buoy 2019-01-22 08h52 - 0', comment);
    const { tags, issues } = readExif(tiff);
    expect(issues).toEqual([]);
    expect(tags).toEqual({ byteOrder: 'little-endian', imageDescription: 'Buoy 2019-01-22 08h52 - 0', userComment: comment });
    // Wrapped in a JPEG: SOI, APP1 "Exif\0\0" + TIFF, SOF0 8-bit 1 component 32×24.
    const app1 = new Uint8Array([...new TextEncoder().encode('Exif'), 0, 0, ...tiff]);
    const jpeg = new Uint8Array([
      0xff, 0xd8, 0xff, 0xe1, (app1.length + 2) >> 8, (app1.length + 2) & 0xff, ...app1,
      0xff, 0xc0, 0, 11, 8, 0, 24, 0, 32, 1, 1, 0x11, 0, 0xff, 0xda,
    ]);
    expect(inspectParticleImage('x.jpg', jpeg)).toMatchObject({
      particleId: 0,
      sample: 'Buoy 2019-01-22 08h52',
      cropped: false,
      measurementStart: '2019-01-22T08:53:10.5-03:00',
      measurementStartUtc: '2019-01-22T11:53:10.500Z',
      instrumentSerial: 'CS-2015-01',
      width: 32,
      height: 24,
      issues: [],
    });
  });

  it('rejects non-TIFF EXIF blocks', () => {
    expect(readExif(new Uint8Array([1, 2, 3])).issues[0]!.message).toBe('EXIF block shorter than its 8-byte header');
    expect(readExif(new TextEncoder().encode('XX*\0\0\0\0\0')).issues[0]!.message).toBe('EXIF byte order "XX" is neither II nor MM');
  });

  it('helpers', () => {
    expect(parseSampleDashId('Sea - surface 2020-01-01 10h00 - 42')).toEqual({ sample: 'Sea - surface 2020-01-01 10h00', particleId: 42 });
    expect(parseSampleDashId('no id here')).toBeNull();
    expect(exifDateTimeToIso('2023:05:24 09:26:01', '26')).toBe('2023-05-24T09:26:01.26');
    expect(exifDateTimeToIso('2023:05:24 09:26:01', undefined, '+01:00')).toBe('2023-05-24T09:26:01+01:00');
    expect(exifDateTimeToIso('0000:00:00 00:00:00')).toBeNull();
  });
});

/** A little-endian TIFF block: IFD0 { ImageDescription, ExifIFD → { UserComment (ASCII) } }. */
function littleEndianExif(description: string, comment: string): Uint8Array {
  const desc = new TextEncoder().encode(`${description}\0`);
  const userComment = new Uint8Array([...new TextEncoder().encode('ASCII\0\0\0'), ...new TextEncoder().encode(comment)]);
  const ifd0 = 8;
  const ifd0Size = 2 + 2 * 12 + 4;
  const exifIfd = ifd0 + ifd0Size;
  const exifIfdSize = 2 + 12 + 4;
  const descAt = exifIfd + exifIfdSize;
  const commentAt = descAt + desc.length;
  const out = new Uint8Array(commentAt + userComment.length);
  const v = new DataView(out.buffer);
  out.set([0x49, 0x49]);
  v.setUint16(2, 42, true);
  v.setUint32(4, ifd0, true);
  v.setUint16(ifd0, 2, true);
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    v.setUint16(at, tag, true);
    v.setUint16(at + 2, type, true);
    v.setUint32(at + 4, count, true);
    v.setUint32(at + 8, value, true);
  };
  entry(ifd0 + 2, 0x010e, 2, desc.length, descAt);
  entry(ifd0 + 14, 0x8769, 4, 1, exifIfd);
  v.setUint16(exifIfd, 1, true);
  entry(exifIfd + 2, 0x9286, 7, userComment.length, commentAt);
  out.set(desc, descAt);
  out.set(userComment, commentAt);
  return out;
}
