import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../../electron/test-support/real-fixtures.js';
import { CurationError } from '../../../api/errors.js';
import { parseInfo } from './parse-info.js';

const cefas = 'ecotaxa-pipeline/cefas/Pond_NA 2023-05-24 09h23_Info.txt';
const older = 'rclustool/sample_example_info.txt';
const demo = path.resolve(__dirname, '../../../../resources/demo/exports/Export_2026-05-14 08h00m00s/DEMO Frioul 2026-05-14 06h30_Info.txt');

const utf8 = (s: string) => new TextEncoder().encode(s);
const cefasText = () => new TextDecoder().decode(readRealFixture(cefas)); // BOM stripped by TextDecoder
/** Windows-1252 bytes of a text made only of Latin-1 characters (µ U+00B5 → 0xB5). */
const cp1252 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

describe('parseInfo — CytoClus 4 layout (Cefas)', () => {
  it('reads every value of the real file', () => {
    const info = parseInfo(readRealFixture(cefas), { fileNameDate: '2023-05-24' });
    expect(info.issues).toEqual([]);
    expect(info).toMatchObject({
      layout: 'cytoclus4',
      measurementStart: '2023-05-24T09:26:01',
      measurementDateOrder: 'day-month-year',
      durationSeconds: 180,
      flowRate_uL_per_s: 5.06,
      volumeAnalysed_uL: 902.452406027101,
      totalParticles: 20818,
      smartTriggered: true,
      smartTriggeredParticles: 20818,
      concentration_per_uL: 225.813570487484,
      instrument: 'Cefas III',
      serial: null,
      beamWidth: 5.5,
      coreSpeed: 2.2,
      userComments: '',
      triggerChannel: 'Sidewards Scatter',
      triggerLevel_mV: 30,
      smartTriggerRule: { text: 'Fl Red Maximum > 10', parsed: { channel: 'Fl Red', parameter: 'Maximum', operator: '>', value: 10 } },
      encoding: 'utf-8',
    });
    expect(info.channels).toEqual([
      { index: 1, name: 'Forward Scatter Left', sensitivityLevel: null, isTrigger: false },
      { index: 2, name: 'Forward Scatter Right', sensitivityLevel: null, isTrigger: false },
      { index: 3, name: 'Sidewards Scatter', sensitivityLevel: 60, isTrigger: true },
      { index: 4, name: 'Fl Yellow', sensitivityLevel: 95, isTrigger: false },
      { index: 5, name: 'Fl Orange', sensitivityLevel: 85, isTrigger: false },
      { index: 6, name: 'Fl Red', sensitivityLevel: 85, isTrigger: false },
    ]);
    // Read by eye from the file: every non-blank line except the TAB-indented rule line, in file order.
    expect(Object.keys(info.fields)).toEqual([
      'Trigger level (mV)',
      'Smart Triggered!',
      'CytoUSB Block size',
      'Instrument',
      'Beam width',
      'Core speed',
      'User Comments',
      'Measurement date',
      'Measurement duration',
      'Flow rate (μL/sec)',
      'Channel 1',
      'Channel 2',
      'Channel 3',
      'Channel 3 - sensitivity level',
      'Channel 4',
      'Channel 4 - sensitivity level',
      'Channel 5',
      'Channel 5 - sensitivity level',
      'Channel 6',
      'Channel 6 - sensitivity level',
      'Total number of particles',
      'Smart triggered number of particles',
      'Concentration (part/μL)',
      'Volume (μL)',
    ]);
    expect(info.fields['CytoUSB Block size']).toBe('- (maxTimeOut: NaNs )');
    expect(info.fields['Smart Triggered!']).toBe('Fl Red Maximum > 10');
    expect(info.fields['Channel 3']).toBe('Sidewards Scatter  - TRIGGER');
    expect(info.fields['User Comments']).toBe('');
  });

  it('smart-trigger pitfall values are as in the doc (§5): concentration × volume ≫ stored particles', () => {
    const info = parseInfo(readRealFixture(cefas));
    expect(Math.round(info.concentration_per_uL! * info.volumeAnalysed_uL!)).toBe(203786); // doc: ≈ 203 780 counted vs 20 818 stored
    expect(info.issues).toEqual([]); // 24/05 is unambiguous without a file-name date
  });

  it('reads the demo Info file (not smart-triggered, trigger on Fl Red)', () => {
    const info = parseInfo(new Uint8Array(fs.readFileSync(demo)), { fileNameDate: '2026-05-14' });
    expect(info.issues).toEqual([]);
    expect(info).toMatchObject({
      layout: 'cytoclus4',
      measurementStart: '2026-05-14T06:32:16',
      smartTriggered: false,
      smartTriggerRule: null,
      triggerChannel: 'Fl Red',
      totalParticles: 3570,
      volumeAnalysed_uL: 300.833859,
      instrument: 'CytoSense DEMO',
    });
  });
});

describe('parseInfo — older layout (rclustool, 2016)', () => {
  it('reads every value of the real file, decimal commas included', () => {
    const info = parseInfo(readRealFixture(older), { fileNameDate: '2016-04-19' });
    expect(info.issues).toEqual([]);
    expect(info).toMatchObject({
      layout: 'older',
      measurementStart: '2016-04-19T15:08:08',
      durationSeconds: 300,
      flowRate_uL_per_s: 5.04,
      volumeAnalysed_uL: 1145.718,
      totalParticles: null,
      smartTriggered: false,
      smartTriggeredParticles: null,
      concentration_per_uL: 21.5664,
      instrument: 'ULCO',
      serial: 'CS-2007-15',
      beamWidth: 5,
      coreSpeed: 2,
      userComments: null,
      triggerChannel: 'FL Red',
      triggerLevel_mV: 9.53,
      smartTriggerRule: null,
    });
    expect(info.channels.map((c) => [c.index, c.name, c.sensitivityLevel, c.isTrigger])).toEqual([
      [1, 'Trigger1', null, false],
      [2, 'FWS L', null, false],
      [3, 'FWS R', null, false],
      [4, 'SWS', 55, false],
      [5, 'FL Yellow', 95, false],
      [6, 'FL Orange', 95, false],
      [7, 'FL Red', 100, true],
    ]);
    expect(info.fields['Trigger level constant']).toBe('1,067069');
    expect(info.fields['Trigger level 1']).toBe('12');
    expect(info.fields['File version']).toBe('2');
    expect(info.fields['Has curvature']).toBe('True');
    expect(info.fields['Has pressure sensor']).toBe('False');
    // 27 non-blank lines, each one key (the 4 sensitivity sub-lines as "Channel N - sensitivity level").
    expect(Object.keys(info.fields).length).toBe(27);
    expect(info.fields['Channel 7 - sensitivity level']).toBe('100');
  });
});

describe('parseInfo — generated variants', () => {
  it('French PC: decimal commas and a yyyy-MM-dd date, LF, no BOM', () => {
    const text = cefasText()
      .replace(/\r\n/g, '\n')
      .replace('24/05/2023 09:26:01', '2023-05-24 09:26:01')
      .replace(/(\d)\.(\d)/g, '$1,$2');
    expect(text).toContain('Flow rate (μL/sec): 5,06');
    const info = parseInfo(utf8(text));
    expect(info.issues).toEqual([]);
    expect(info).toMatchObject({
      measurementStart: '2023-05-24T09:26:01',
      measurementDateOrder: 'year-month-day',
      flowRate_uL_per_s: 5.06,
      volumeAnalysed_uL: 902.452406027101,
      concentration_per_uL: 225.813570487484,
      beamWidth: 5.5,
    });
  });

  it('US PC: MM/dd dates disambiguated by the file-name date', () => {
    const us = (date: string) => utf8(cefasText().replace('24/05/2023 09:26:01', date));
    expect(parseInfo(us('5/24/2023 9:26:01 AM')).measurementStart).toBe('2023-05-24T09:26:01');
    const ambiguous = us('5/6/2023 9:26:01 PM');
    expect(parseInfo(ambiguous, { fileNameDate: '2023-05-06' })).toMatchObject({ measurementStart: '2023-05-06T21:26:01', measurementDateOrder: 'month-day-year', issues: [] });
    expect(parseInfo(ambiguous, { fileNameDate: '2023-06-05' })).toMatchObject({ measurementStart: '2023-06-05T21:26:01', measurementDateOrder: 'day-month-year', issues: [] });
    const noFileDate = parseInfo(us('06/05/2023 21:26:01'));
    expect(noFileDate.measurementStart).toBe('2023-05-06T21:26:01');
    expect(noFileDate.issues).toEqual([
      {
        line: 11,
        field: 'Measurement date',
        message: '"06/05/2023 21:26:01" is ambiguous (day and month both ≤ 12) and no file-name date was given; read as dd/MM/yyyy',
      },
    ]);
  });

  it('micro sign in every spelling: U+03BC, U+00B5, Windows-1252 0xB5, mojibake', () => {
    const base = cefasText();
    const micro = parseInfo(utf8(base.replace(/μ/g, 'µ')));
    expect([micro.flowRate_uL_per_s, micro.volumeAnalysed_uL, micro.concentration_per_uL]).toEqual([5.06, 902.452406027101, 225.813570487484]);
    expect(micro.fields['Volume (µL)']).toBe('902.452406027101');

    const win = parseInfo(cp1252(base.replace(/μ/g, 'µ')));
    expect(win.encoding).toBe('windows-1252');
    expect(win.issues).toEqual([]);
    expect([win.flowRate_uL_per_s, win.volumeAnalysed_uL, win.concentration_per_uL]).toEqual([5.06, 902.452406027101, 225.813570487484]);

    const mojibake = parseInfo(utf8(base.replace(/μ/g, 'Î¼')));
    expect(mojibake.volumeAnalysed_uL).toBe(902.452406027101);
  });

  it('missing fields are null; missing date and volume are reported', () => {
    const text = cefasText()
      .split('\r\n')
      .filter((l) => !/^(Measurement date|Volume|Instrument|Total number|Smart Triggered!|\tFl Red)/.test(l))
      .join('\r\n');
    const info = parseInfo(utf8(text));
    expect(info).toMatchObject({
      measurementStart: null,
      volumeAnalysed_uL: null,
      instrument: null,
      totalParticles: null,
      smartTriggered: false,
      smartTriggerRule: null,
      durationSeconds: 180,
    });
    expect(info.issues).toEqual([
      { field: 'Measurement date', message: 'no "Measurement date" line (file may be truncated)' },
      { field: 'Volume (μL)', message: 'no "Volume (μL)" line (file may be truncated)' },
    ]);
  });

  it('a volume in another unit is not read as µL', () => {
    const info = parseInfo(utf8(cefasText().replace('Volume (μL): 902.452406027101', 'Volume (mL): 0.902452406027101')));
    expect(info.volumeAnalysed_uL).toBeNull();
    expect(info.fields['Volume (mL)']).toBe('0.902452406027101');
  });

  it('units written after beam width and core speed are accepted, others are not', () => {
    const info = parseInfo(utf8(cefasText().replace('Beam width: 5.5', 'Beam width: 5.5 µm').replace('Core speed: 2.2', 'Core speed: 2.2m/s')));
    expect([info.beamWidth, info.coreSpeed]).toEqual([5.5, 2.2]);
    const wrong = parseInfo(utf8(cefasText().replace('Beam width: 5.5', 'Beam width: 5.5 mm')));
    expect(wrong.beamWidth).toBeNull();
    expect(wrong.issues).toEqual([{ line: 7, field: 'Beam width', message: '"5.5 mm" is not a number' }]);
  });
});

describe('parseInfo — broken inputs', () => {
  it('empty, BOM-only, binary junk and a CSV are not Info exports', () => {
    expect(() => parseInfo(new Uint8Array(0))).toThrow(/empty file/);
    expect(() => parseInfo(utf8('\uFEFF\r\n'))).toThrow(CurationError);
    const junk = Uint8Array.from({ length: 2048 }, (_, i) => (i * 131 + 7) % 256);
    expect(() => parseInfo(junk)).toThrow(/not a CytoClus Info export/);
    expect(() => parseInfo(readRealFixture('ecotaxa-pipeline/cefas/Pond_NA 2023-05-24 09h23_All Imaged Particles_Listmode.csv'))).toThrow(/not a CytoClus Info export/);
  });

  it('a truncated file keeps what it has and says what is missing', () => {
    const bytes = readRealFixture(cefas);
    // Cut inside the two bytes of μ in "Volume (μL)": the tail is invalid UTF-8, so the text is read as
    // Windows-1252 and the μ keys before it become mojibake (Î¼), which still match.
    const volumeAt = new TextDecoder('latin1').decode(bytes).indexOf('Volume (');
    const info = parseInfo(bytes.subarray(0, volumeAt + 'Volume ('.length + 1));
    expect(info.encoding).toBe('windows-1252');
    expect(info.concentration_per_uL).toBe(225.813570487484);
    expect(info.flowRate_uL_per_s).toBe(5.06);
    expect(info.volumeAnalysed_uL).toBeNull();
    expect(info.issues).toEqual([
      { line: 29, message: '"Volume (Î" is not a "key: value" line' },
      { field: 'Volume (μL)', message: 'no "Volume (μL)" line (file may be truncated)' },
    ]);
  });

  it('bad values, repeated keys, stray indented lines, two trigger channels, a bad file-name date', () => {
    const text = cefasText()
      .replace('Flow rate (μL/sec): 5.06', 'Flow rate (μL/sec): fast')
      .replace('Volume (μL): 902.452406027101', 'Volume (μL): 1.902,45')
      .replace('Total number of particles: 20818', 'Total number of particles: 20818.5')
      .replace('Measurement duration: 180', 'Measurement duration: 180\r\nMeasurement duration: 200\r\n  - orphan: 1')
      .replace('Channel 6: Fl Red', 'Channel 6: Fl Red  - TRIGGER')
      .replace('  - sensitivity level: 95', '  - sensitivity level: high');
    const info = parseInfo(utf8(text), { fileNameDate: '24/05/2023' });
    expect(info.flowRate_uL_per_s).toBeNull();
    expect(info.volumeAnalysed_uL).toBeNull();
    expect(info.totalParticles).toBeNull();
    expect(info.durationSeconds).toBe(180);
    expect(info.triggerChannel).toBe('Sidewards Scatter');
    expect(info.channels[3]?.sensitivityLevel).toBeNull();
    expect(info.issues).toEqual([
      { field: 'fileNameDate', message: 'file-name date "24/05/2023" is not YYYY-MM-DD; not used' },
      { line: 13, field: 'Measurement duration', message: '"Measurement duration" appears again; the first value is kept' },
      { line: 14, message: 'indented line "- orphan: 1" follows no channel or smart-trigger line; ignored' },
      { line: 22, field: 'Channel 4 - sensitivity level', message: '"high" is not a whole-number sensitivity level' },
      { field: 'Channel', message: '2 channels are marked TRIGGER (Sidewards Scatter, Fl Red); the first is used' },
      { line: 15, field: 'Flow rate (μL/sec)', message: '"fast" is not a number' },
      { line: 31, field: 'Volume (μL)', message: '"1.902,45" is not a number' },
      { line: 28, field: 'Total number of particles', message: '"20818.5" is not a whole number' },
    ]);
  });

  it('an invalid measurement date is reported and left null', () => {
    const info = parseInfo(utf8(cefasText().replace('24/05/2023 09:26:01', '31/02/2023 09:26:01')));
    expect(info.measurementStart).toBeNull();
    expect(info.issues).toEqual([{ line: 11, field: 'Measurement date', message: '"31/02/2023 09:26:01" is not a valid calendar date' }]);
  });
});
