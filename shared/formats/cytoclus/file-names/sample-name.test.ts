import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { realFixture } from '../../../../electron/test-support/real-fixtures.js';
import { parseCyzFileName, parseSampleName } from './sample-name.js';

describe('parseSampleName on real names (formats-cytosense.md §2.1)', () => {
  it('the four .cyz fixtures', () => {
    const names = fs.readdirSync(realFixture('cyzfile-api/DataFiles')).sort();
    expect(names.map((n) => parseCyzFileName(n))).toEqual([
      {
        raw: '1p6um NF beads 2013-04-08 14u56',
        matched: true,
        protocol: '1p6um NF beads',
        date: '2013-04-08',
        time: '14:56',
        set: null,
        timeSeparator: 'u',
      },
      {
        raw: 'BeadsCalibration 2017-02-08 13h50_Beads',
        matched: true,
        protocol: 'BeadsCalibration',
        date: '2017-02-08',
        time: '13:50',
        set: 'Beads',
        timeSeparator: 'h',
      },
      {
        raw: 'algjes machteld 2010-11-22 11u33',
        matched: true,
        protocol: 'algjes machteld',
        date: '2010-11-22',
        time: '11:33',
        set: null,
        timeSeparator: 'u',
      },
      {
        raw: 'beads reservoir measurement 2021-10-04 15h00',
        matched: true,
        protocol: 'beads reservoir measurement',
        date: '2021-10-04',
        time: '15:00',
        set: null,
        timeSeparator: 'h',
      },
    ]);
  });

  it('names quoted in the format reference', () => {
    expect(parseSampleName('SWS250-setFLRMax50-1000im-PMTlow 2025-02-13 14h27')).toMatchObject({
      protocol: 'SWS250-setFLRMax50-1000im-PMTlow',
      date: '2025-02-13',
      time: '14:27',
      set: null,
    });
    expect(parseSampleName('FunctionalTest_measurement#1 2019-01-22 08h52')).toMatchObject({
      protocol: 'FunctionalTest_measurement#1',
      date: '2019-01-22',
      time: '08:52',
    });
    expect(parseSampleName('Pond_NA 2023-05-24 09h23')).toMatchObject({ protocol: 'Pond_NA', date: '2023-05-24', time: '09:23' });
    expect(parseCyzFileName('beads1.6u.cyz-2010-06-16 13-10.CYZ')).toEqual({
      raw: 'beads1.6u.cyz-2010-06-16 13-10',
      matched: true,
      protocol: 'beads1.6u',
      date: '2010-06-16',
      time: '13:10',
      set: null,
      timeSeparator: '-',
    });
    // RclusTool rewrote the sample name with underscores.
    expect(parseSampleName('protos_2016-09-01_17u57')).toMatchObject({ protocol: 'protos', date: '2016-09-01', time: '17:57' });
  });

  it('keeps set names with spaces and underscores, and takes the last timestamp', () => {
    expect(parseSampleName('North Sea st_4 2024-03-01 06h05_Small pico_2')).toMatchObject({
      protocol: 'North Sea st_4',
      set: 'Small pico_2',
    });
    expect(parseSampleName('rerun of 2024-03-01 06h05 2024-03-02 07h10')).toMatchObject({
      protocol: 'rerun of 2024-03-01 06h05',
      date: '2024-03-02',
    });
  });

  it('accepts names without timestamp or with an impossible one, unchanged', () => {
    for (const raw of ['sample_example', 'Pond 2023-02-30 09h23', 'Pond 2023-05-24 25h00', 'Pond 2023-05-24 09:23', '', 'x 2023-05-24 09h23 (2)']) {
      expect(parseSampleName(raw)).toEqual({ raw, matched: false, protocol: raw, date: null, time: null, set: null, timeSeparator: null });
    }
  });

  it('NFD (macOS) names give NFC parts, raw stays as given', () => {
    const nfd = 'Rade de Brest e\u0301te\u0301 2022-07-01 10h00';
    const r = parseSampleName(nfd);
    expect(r.raw).toBe(nfd);
    expect(r.protocol).toBe('Rade de Brest été');
  });
});
