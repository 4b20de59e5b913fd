import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { realFixture } from '../../../../electron/test-support/real-fixtures.js';
import { parseExportFileName, parseExportPath, splitSampleAndSet } from './export-file-name.js';

const POND = 'Pond_NA 2023-05-24 09h23';
const AIP = 'All Imaged Particles';

describe('parseExportFileName on the real Cefas export', () => {
  it('classifies every file and folder and finds sample and set without known names', () => {
    const dir = realFixture('ecotaxa-pipeline/cefas');
    const rows = fs
      .readdirSync(dir)
      .sort()
      .map((n) => {
        const r = parseExportFileName(n);
        return [r.kind, r.sample, r.set, r.split];
      });
    expect(rows).toEqual([
      ['images-folder', POND, AIP, 'timestamp'],
      ['listmode', POND, AIP, 'timestamp'],
      ['pulses', POND, AIP, 'timestamp'],
      ['info', POND, null, 'whole'],
    ]);
    const images = fs.readdirSync(`${dir}/${POND}_${AIP}_Images`).sort();
    expect(images.map((n) => parseExportPath(`${POND}_${AIP}_Images/${n}`))).toEqual(
      [118, 151, 63, 88, 118, 151, 63, 88].map((particleId, i) => ({
        name: images[i],
        kind: 'image',
        sample: POND,
        set: AIP, // from the folder: image names do not repeat the set
        particleId,
        cropped: i < 4,
        extension: 'jpg',
        split: 'whole',
      })),
    );
  });

  it('the same with the sample and set known (from the Info file and Export settings.xml)', () => {
    const known = { samples: [POND], sets: ['Default (all)', AIP] };
    expect(parseExportFileName(`${POND}_${AIP}_Listmode.csv`, known)).toMatchObject({ sample: POND, set: AIP, split: 'known-sample' });
    expect(parseExportFileName(`${POND}_Listmode.csv`, known)).toMatchObject({ sample: POND, set: null, split: 'known-sample' });
  });

  it('the real .cyz names and other real files', () => {
    expect(parseExportFileName('BeadsCalibration 2017-02-08 13h50_Beads.cyz')).toMatchObject({
      kind: 'cyz',
      sample: 'BeadsCalibration 2017-02-08 13h50_Beads', // a set saved as its own file is its own sample
      set: null,
      extension: 'cyz',
    });
    expect(parseExportFileName('beads1.6u.cyz-2010-06-16 13-10.CYZ')).toMatchObject({ kind: 'cyz', sample: 'beads1.6u.cyz-2010-06-16 13-10' });
    expect(parseExportFileName('GPS_20121104_134730.log').kind).toBe('gps-log');
    expect(parseExportFileName('TestExportXml_New.c4e').kind).toBe('export-settings');
    expect(parseExportFileName('sample_example_info.txt')).toMatchObject({ kind: 'info', sample: 'sample_example' }); // rclustool, 2016
    expect(parseExportFileName('SWS250-setFLRMax50-1000im-PMTlow 2025-02-13 14h27.json')).toMatchObject({
      kind: 'cyz2json',
      sample: 'SWS250-setFLRMax50-1000im-PMTlow 2025-02-13 14h27',
    });
    expect(parseExportFileName('x 2025-02-13 14h27.cyz.json').sample).toBe('x 2025-02-13 14h27');
    expect(parseExportFileName('cyflow_cube_8.fcs')).toMatchObject({ kind: 'fcs', sample: null });
  });
});

describe('export folder layout (formats-cytosense.md §2.2)', () => {
  const S = 'FunctionalTest_measurement#1 2019-01-22 08h52';
  const cases: [string, string, string | null, string | null, number | null][] = [
    // name, kind, sample, set, particle
    ['Export_2024-03-01 10h15m30s', 'export-folder', null, null, null],
    ['Settings', 'settings-folder', null, null, null],
    ['Export settings.xml', 'export-settings', null, null, null],
    ['Parameter settings.txt', 'parameter-settings', null, null, null],
    ['Set definition.xml', 'set-definition', null, null, null],
    [`Sets_${S}.xml`, 'set-definition', S, null, null],
    ['set_statistics.csv', 'set-statistics', null, null, null],
    ['means_per_set_per_file.csv', 'set-statistics', null, null, null],
    [`${S}_Info.txt`, 'info', S, null, null],
    [`${S}_Listmode.csv`, 'listmode', S, null, null],
    [`${S}_Listmode.fcs`, 'listmode', S, null, null],
    [`${S}_Small_pico 2_Listmode.csv`, 'listmode', S, 'Small_pico 2', null],
    [`${S}_Small_pico 2_Pulses.csv`, 'pulses', S, 'Small_pico 2', null],
    [`${S}_Images`, 'images-folder', S, null, null],
    [`${S}_Small_pico 2_Images`, 'images-folder', S, 'Small_pico 2', null],
    [`${S}_Small_pico 2_Images.zip`, 'images-zip', S, 'Small_pico 2', null],
    [`${S}_Cropped_0.jpg`, 'image', S, null, 0],
    [`${S}_Uncropped_1250000.png`, 'image', S, null, 1250000],
    [`${S}_Small_pico 2.jpg`, 'overview', S, 'Small_pico 2', null],
    [`${S}_Pulse_12.jpg`, 'pulse-plot', S, null, null],
    ['10.jpg', 'image', null, null, 10],
    ['2673_protos_2016-09-01_17u57.jpg', 'image', 'protos_2016-09-01_17u57', null, 2673],
    ['readme.txt', 'unknown', null, null, null],
    ['photo.jpg', 'unknown', null, null, null],
    ['.DS_Store', 'unknown', null, null, null],
  ];
  for (const [name, kind, sample, set, particleId] of cases) {
    it(name, () => {
      expect(parseExportFileName(name)).toMatchObject({ name, kind, sample, set, particleId });
    });
  }

  it('suffixes in any case; extension reported in lower case', () => {
    expect(parseExportFileName(`${S}_LISTMODE.CSV`)).toMatchObject({ kind: 'listmode', extension: 'csv', sample: S });
    expect(parseExportFileName(`${S}_images/`)).toMatchObject({ kind: 'images-folder', extension: '' });
  });

  it('configurable set-statistics names', () => {
    expect(parseExportFileName('stats cruise 12.csv').kind).toBe('unknown');
    expect(parseExportFileName('stats cruise 12.csv', { setStatisticsFiles: ['stats cruise 12.csv'] }).kind).toBe('set-statistics');
  });

  it('paths: images take their set from the folder, on / and \\ paths and inside zips', () => {
    expect(parseExportPath(`Export_2024-03-01 10h15m30s\\${S}_Small_pico 2_Images\\${S}_Cropped_7.jpg`)).toMatchObject({
      kind: 'image',
      sample: S,
      set: 'Small_pico 2',
      particleId: 7,
    });
    expect(parseExportPath(`${S}_Images.zip/${S}_Images/${S}_Uncropped_7.jpg`)).toMatchObject({ set: null, cropped: false });
    expect(parseExportPath(`Settings/Export settings.xml`).kind).toBe('export-settings');
    expect(parseExportPath(`${S}_Tiny_Images/7.jpg`)).toMatchObject({ kind: 'image', sample: S, set: 'Tiny', particleId: 7 });
  });
});

describe('splitting <sample>_<SetName> when names are ambiguous', () => {
  const SAVED = 'BeadsCalibration 2017-02-08 13h50_Beads'; // .cyz of a set saved as its own file

  it('known sample names win, preferring a remainder that is a known set', () => {
    const samples = ['BeadsCalibration 2017-02-08 13h50', SAVED];
    // Default-set listmode of the saved-set file
    expect(splitSampleAndSet(`${SAVED}`, { samples })).toEqual({ sample: SAVED, set: null, split: 'known-sample' });
    // Listmode of set "Beads" of the original file (when both samples are known and "Beads" is a set, the two
    // readings would be the same file name: CytoClus itself could not tell them apart)
    expect(splitSampleAndSet(`${SAVED}`, { samples: [samples[0]!], sets: ['Beads'] })).toEqual({
      sample: 'BeadsCalibration 2017-02-08 13h50',
      set: 'Beads',
      split: 'known-sample',
    });
    expect(splitSampleAndSet(`${SAVED}_Big cells`, { samples })).toEqual({ sample: SAVED, set: 'Big cells', split: 'known-sample' });
  });

  it('known set names split names without timestamp; no match means the default set', () => {
    const sets = ['Default (all)', 'pico_2', 'Set - A'];
    expect(splitSampleAndSet('my_sample_pico_2', { sets })).toEqual({ sample: 'my_sample', set: 'pico_2', split: 'known-set' });
    expect(splitSampleAndSet('my_sample_Set - A', { sets })).toEqual({ sample: 'my_sample', set: 'Set - A', split: 'known-set' });
    expect(splitSampleAndSet(`${SAVED}`, { sets })).toEqual({ sample: SAVED, set: null, split: 'known-set' });
    expect(splitSampleAndSet('my_sample', { sets })).toEqual({ sample: 'my_sample', set: null, split: 'known-set' });
  });

  it('without known names: the timestamp; the saved-set case is then read as sample + set', () => {
    expect(splitSampleAndSet(SAVED)).toEqual({ sample: 'BeadsCalibration 2017-02-08 13h50', set: 'Beads', split: 'timestamp' });
    expect(splitSampleAndSet('my_sample_pico_2')).toEqual({ sample: 'my_sample_pico_2', set: null, split: 'whole' });
  });

  it('matches known names case-insensitively and across Unicode normalisation', () => {
    const nfd = 'Rade e\u0301te\u0301 2022-07-01 10h00';
    const nfc = 'Rade été 2022-07-01 10h00';
    expect(parseExportFileName(`${nfd}_Nano_Listmode.csv`, { samples: [nfc] })).toMatchObject({ sample: nfc, set: 'Nano', split: 'known-sample' });
    expect(splitSampleAndSet('POND_NA 2023-05-24 09h23_x', { samples: [POND] })).toEqual({ sample: 'POND_NA 2023-05-24 09h23', set: 'x', split: 'known-sample' });
  });

  it('round-trips random sample and set names', () => {
    const seed = 977;
    console.log(`file-name round-trip seed ${seed}`);
    let state = seed;
    const rnd = (n: number) => (state = (state * 1103515245 + 12345) >>> 0) % n;
    const alphabet = 'abcXYZ019 _-#.()';
    const word = (len: number) => {
      let s = '';
      for (let i = 0; i < len; i++) s += alphabet[rnd(alphabet.length)];
      return s.trim() === '' ? 'x' : s.replace(/^[ _]+|[ _]+$/g, '') || 'x';
    };
    const two = (n: number) => String(n).padStart(2, '0');
    for (let i = 0; i < 500; i++) {
      const sample = `${word(1 + rnd(12))} ${2010 + rnd(15)}-${two(1 + rnd(12))}-${two(1 + rnd(28))} ${two(rnd(24))}${rnd(2) ? 'h' : 'u'}${two(rnd(60))}`;
      const set = rnd(3) === 0 ? null : word(1 + rnd(10));
      const stem = set === null ? sample : `${sample}_${set}`;
      const kind = (['_Listmode.csv', '_Pulses.csv', '_Images'] as const)[rnd(3)]!;
      const name = `${stem}${kind}`;
      // With known names: always exact.
      expect(parseExportFileName(name, { samples: [sample, `${sample}_zz`] }), name).toMatchObject({ sample, set });
      // From the timestamp alone: exact unless the set name itself ends in a timestamp.
      expect(parseExportFileName(name), name).toMatchObject({ sample, set });
    }
  });
});
