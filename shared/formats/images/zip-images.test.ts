import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CurationError } from '../../api/errors.js';
import { readRealFixture } from '../../../electron/test-support/real-fixtures.js';
import { createZipImageReader, listZipImages, readZipImages, zipEntrySkipReason } from './zip-images.js';
import type { ZipImageFile } from './zip-images.js';

const SAMPLE = 'Pond_NA 2023-05-24 09h23';
const FOLDER = `${SAMPLE}_All Imaged Particles_Images`;
/** Byte equality; vitest's toEqual on 600 KB typed arrays takes seconds. */
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);
const image = (name: string) => readRealFixture(`ecotaxa-pipeline/cefas/${FOLDER}/${SAMPLE}_${name}.jpg`);

/** A CytoClus image zip as re-zipped on macOS: real JPEGs plus __MACOSX, .DS_Store and a stray text file. */
function macZip(level: 0 | 6 = 6) {
  const cropped63 = image('Cropped_63');
  const cropped118 = image('Cropped_118');
  const uncropped63 = image('Uncropped_63');
  const zip = zipSync(
    {
      [`${FOLDER}/`]: new Uint8Array(0),
      [`${FOLDER}/${SAMPLE}_Cropped_63.jpg`]: cropped63,
      [`${FOLDER}/${SAMPLE}_Uncropped_63.jpg`]: [uncropped63, { level: 0 }],
      [`${FOLDER}/${SAMPLE}_Cropped_118.JPG`]: cropped118,
      [`${FOLDER}/.DS_Store`]: new Uint8Array([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]),
      [`__MACOSX/${FOLDER}/._${SAMPLE}_Cropped_63.jpg`]: new Uint8Array([0, 5, 22, 7, 0, 2, 0, 0]),
      [`__MACOSX/._${FOLDER}`]: new Uint8Array([0, 5, 22, 7]),
      [`${FOLDER}/export notes.txt`]: new TextEncoder().encode('exported with CytoClus 4'),
    },
    { level },
  );
  return { zip, cropped63, cropped118, uncropped63 };
}

describe('zipped image folders', () => {
  it('lists only the images, without decompressing', () => {
    const { zip, cropped63, uncropped63, cropped118 } = macZip();
    const listing = listZipImages(zip);
    expect(listing.images).toEqual([
      { path: `${FOLDER}/${SAMPLE}_Cropped_63.jpg`, name: `${SAMPLE}_Cropped_63.jpg`, size: cropped63.length, compressedSize: expect.any(Number) },
      { path: `${FOLDER}/${SAMPLE}_Uncropped_63.jpg`, name: `${SAMPLE}_Uncropped_63.jpg`, size: uncropped63.length, compressedSize: uncropped63.length },
      { path: `${FOLDER}/${SAMPLE}_Cropped_118.JPG`, name: `${SAMPLE}_Cropped_118.JPG`, size: cropped118.length, compressedSize: expect.any(Number) },
    ]);
    expect(listing.ignored).toEqual([
      `${FOLDER}/`,
      `${FOLDER}/.DS_Store`,
      `__MACOSX/${FOLDER}/._${SAMPLE}_Cropped_63.jpg`,
      `__MACOSX/._${FOLDER}`,
      `${FOLDER}/export notes.txt`,
    ]);
    expect(listing.issues).toEqual([]);
  });

  it('reads the image bytes unchanged, all or a selection', () => {
    const { zip, cropped63, cropped118, uncropped63 } = macZip();
    const all = readZipImages(zip);
    expect(all.map((f) => f.path)).toEqual([
      `${FOLDER}/${SAMPLE}_Cropped_63.jpg`,
      `${FOLDER}/${SAMPLE}_Uncropped_63.jpg`,
      `${FOLDER}/${SAMPLE}_Cropped_118.JPG`,
    ]);
    expect(sameBytes(all[0]!.bytes, cropped63)).toBe(true);
    expect(sameBytes(all[1]!.bytes, uncropped63)).toBe(true);
    expect(sameBytes(all[2]!.bytes, cropped118)).toBe(true);
    const croppedOnly = readZipImages(zip, (e) => /_Cropped_/i.test(e.name));
    expect(croppedOnly.map((f) => f.bytes.length)).toEqual([cropped63.length, cropped118.length]);
  });

  for (const chunkSize of [7, 4096, 65_536]) {
    it(`streams the same images in ${chunkSize}-byte chunks`, () => {
      const { zip, cropped63, cropped118, uncropped63 } = macZip(chunkSize === 7 ? 0 : 6);
      const got: ZipImageFile[] = [];
      const reader = createZipImageReader((f) => got.push(f));
      // 7-byte chunks over the whole 0.6 MB archive would be slow: use them on the first 20 KB, then larger.
      for (let at = 0; at < zip.length; ) {
        const n = chunkSize === 7 && at > 20_000 ? 65_536 : chunkSize;
        reader.push(zip.subarray(at, at + n));
        at += n;
      }
      const end = reader.finish();
      expect(got.map((f) => [f.path, f.bytes.length])).toEqual([
        [`${FOLDER}/${SAMPLE}_Cropped_63.jpg`, cropped63.length],
        [`${FOLDER}/${SAMPLE}_Uncropped_63.jpg`, uncropped63.length],
        [`${FOLDER}/${SAMPLE}_Cropped_118.JPG`, cropped118.length],
      ]);
      expect(sameBytes(got[1]!.bytes, uncropped63)).toBe(true);
      expect(sameBytes(got[2]!.bytes, cropped118)).toBe(true);
      expect(end.ignored).toHaveLength(5);
      expect(end.issues).toEqual([]);
    });
  }

  it('rejects what is not a zip, and reports a cut archive', () => {
    const junk = new Uint8Array(5000).map((_, i) => (i * 131 + 7) % 251);
    expect(() => listZipImages(junk)).toThrow(CurationError);
    expect(() => readZipImages(new Uint8Array(0))).toThrow(/not a readable zip archive/);
    const { zip } = macZip();
    expect(() => listZipImages(zip.subarray(0, zip.length - 100))).toThrow(/not a readable zip archive/); // central directory cut
    const reader = createZipImageReader(() => undefined);
    reader.push(junk);
    expect(() => reader.finish()).toThrow('not a zip archive: no entries found');

    // Streaming a download cut inside the uncropped image: the first image arrives, the cut one is reported.
    const got: string[] = [];
    const cut = createZipImageReader((f) => got.push(f.path));
    cut.push(zip.subarray(0, 30_000));
    const end = cut.finish();
    expect(got).toEqual([`${FOLDER}/${SAMPLE}_Cropped_63.jpg`]);
    expect(end.issues).toEqual([
      { field: `${FOLDER}/${SAMPLE}_Uncropped_63.jpg`, message: 'zip archive ends inside this entry (truncated download?)' },
    ]);
  });

  it('skip rules', () => {
    expect(zipEntrySkipReason('a/__MACOSX/b.jpg')).toBe('macOS resource fork');
    expect(zipEntrySkipReason('a/._b.jpg')).toBe('macOS metadata');
    expect(zipEntrySkipReason('Thumbs.db')).toBe('Windows metadata');
    expect(zipEntrySkipReason('a\\b_Cropped_1.png')).toBeNull();
    expect(zipEntrySkipReason('a/set_statistics.csv')).toBe('not an image');
  });
});
