import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRealFixture, realFixture } from '../../../electron/test-support/real-fixtures.js';
import { linkParticleImages } from './link-images.js';
import { parseParticleImageName } from './particle-image-name.js';

const CEFAS = 'ecotaxa-pipeline/cefas';
const SAMPLE = 'Pond_NA 2023-05-24 09h23';

describe('linkParticleImages', () => {
  it('links the Cefas images to the "All Imaged Particles" listmode and lists the particles without image', () => {
    // Particle IDs: first field of each data row of the listmode (817 rows, formats-cytosense.md §6.1).
    const text = new TextDecoder().decode(readRealFixture(`${CEFAS}/${SAMPLE}_All Imaged Particles_Listmode.csv`));
    const ids = text.split('\r\n').slice(1).filter((l) => l !== '').map((l) => Number(l.split(',')[0]));
    expect(ids).toHaveLength(817);
    const images = fs
      .readdirSync(realFixture(`${CEFAS}/${SAMPLE}_All Imaged Particles_Images`))
      .map((name) => ({ name, ...parseParticleImageName(name)! }));
    const links = linkParticleImages(ids, images);
    expect(links.linked.map((l) => [l.particleId, l.images.map((i) => i.cropped)])).toEqual([
      [63, [true, false]],
      [88, [true, false]],
      [118, [true, false]],
      [151, [true, false]],
    ]);
    expect(links.missing).toHaveLength(813);
    expect(links.missing.slice(0, 3)).toEqual([181, ...ids.filter((id) => ![63, 88, 118, 151].includes(id)).slice(1, 3)]);
    expect(links.unlisted).toEqual([]);
    expect(links.duplicates).toEqual([]);
    expect(links.issues).toHaveLength(1);
    expect(links.issues[0]!.message).toMatch(/^813 of 817 imaged particles have no image file \(IDs 181, .*, …\)$/);
  });

  it('sets aside copies from other set folders and names images of unlisted particles', () => {
    const img = (particleId: number, cropped: boolean | null, folder: string) => ({ particleId, cropped, folder });
    const images = [
      img(0, true, 'Default'),
      img(0, true, 'All Imaged'), // same image exported in two set folders
      img(0, false, 'Default'),
      img(7, null, 'renamed'),
      img(9, true, 'Default'), // not in the list
    ];
    const links = linkParticleImages([0, 7, 7, 12], images);
    expect(links.linked).toEqual([
      { particleId: 0, images: [images[0], images[2]] },
      { particleId: 7, images: [images[3]] },
    ]);
    expect(links.missing).toEqual([12]);
    expect(links.duplicates).toEqual([images[1]]);
    expect(links.unlisted).toEqual([images[4]]);
    expect(links.issues).toEqual([
      { field: 'Particle ID', message: '1 of 3 imaged particles have no image file (IDs 12)' },
      { field: 'Particle ID', message: '1 image files belong to particles not in the imaged-particle list (IDs 9)' },
    ]);
  });

  it('an empty set has nothing missing', () => {
    expect(linkParticleImages([], [])).toEqual({ linked: [], missing: [], unlisted: [], duplicates: [], issues: [] });
  });
});
