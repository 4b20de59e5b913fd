import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { realFixture } from '../../../electron/test-support/real-fixtures.js';
import { baseName, isImageFileName, isPulsePlotFileName, parseParticleImageName } from './particle-image-name.js';

const CEFAS_IMAGES = 'ecotaxa-pipeline/cefas/Pond_NA 2023-05-24 09h23_All Imaged Particles_Images';

describe('parseParticleImageName', () => {
  it('reads every CytoClus image name of the Cefas export', () => {
    const names = fs.readdirSync(realFixture(CEFAS_IMAGES)).sort();
    expect(names.map((n) => parseParticleImageName(n))).toEqual(
      // ls of the folder: IDs 118, 151, 63, 88, cropped then uncropped
      [118, 151, 63, 88, 118, 151, 63, 88].map((particleId, i) => ({
        particleId,
        cropped: i < 4,
        sample: 'Pond_NA 2023-05-24 09h23',
        naming: 'cytoclus',
      })),
    );
  });

  it('reads the RclusTool renamings', () => {
    for (const n of fs.readdirSync(realFixture('rclustool/img_example'))) {
      expect(parseParticleImageName(n)).toEqual({ particleId: Number(n.replace('.jpg', '')), cropped: null, sample: null, naming: 'id-only' });
    }
    expect(parseParticleImageName('rclustool/train_example/Beads/2673_protos_2016-09-01_17u57.jpg')).toEqual({
      particleId: 2673,
      cropped: null,
      sample: 'protos_2016-09-01_17u57',
      naming: 'id-sample',
    });
    expect(parseParticleImageName('Phytoplankton\\Nano\\130_protos_2016-09-01_17u57.jpg')?.particleId).toBe(130);
  });

  it('handles case, PNG, particle 0 and names with underscores and " - "', () => {
    expect(parseParticleImageName('FunctionalTest_measurement#1 2019-01-22 08h52_uncropped_0.PNG')).toEqual({
      particleId: 0,
      cropped: false,
      sample: 'FunctionalTest_measurement#1 2019-01-22 08h52',
      naming: 'cytoclus',
    });
    expect(parseParticleImageName('A - B_x 2020-01-01 10h00_Cropped_12.jpeg')?.sample).toBe('A - B_x 2020-01-01 10h00');
  });

  it('returns null for overview mosaics, pulse plots and other files', () => {
    expect(parseParticleImageName('Pond_NA 2023-05-24 09h23_All Imaged Particles.jpg')).toBeNull();
    expect(parseParticleImageName('Pond_NA 2023-05-24 09h23_Pulse_63.jpg')).toBeNull();
    expect(isPulsePlotFileName('x/Pond_NA 2023-05-24 09h23_Pulse_63.jpg')).toBe(true);
    expect(parseParticleImageName('Pond_NA 2023-05-24 09h23_Cropped_63.txt')).toBeNull();
    expect(parseParticleImageName('Pond_NA 2023-05-24 09h23_Cropped_.jpg')).toBeNull();
    expect(parseParticleImageName('99999999999999999999.jpg')).toBeNull(); // not a safe integer
  });

  it('helpers', () => {
    expect(baseName('a/b\\c.jpg')).toBe('c.jpg');
    expect(baseName('a/folder_Images/')).toBe('folder_Images');
    expect(isImageFileName('x.TIF')).toBe(true);
    expect(isImageFileName('x.jpg.txt')).toBe(false);
    expect(isImageFileName('.DS_Store')).toBe(false);
  });
});
