import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../../electron/test-support/real-fixtures.js';
import { CurationError } from '../../../api/errors.js';
import { parseExportSettings } from './parse-export-settings.js';

const oldC4e = 'cyzfile-api/Misc/TestExportXml.c4e';
const newC4e = 'cyzfile-api/Misc/TestExportXml_New.c4e';
const demo = path.resolve(__dirname, '../../../../resources/demo/exports/Export_2026-05-14 08h00m00s/Settings/Export settings.xml');

const utf8 = (s: string) => new TextEncoder().encode(s);
const oldText = () => new TextDecoder().decode(readRealFixture(oldC4e));

describe('parseExportSettings — real .c4e files', () => {
  // Values read by eye from cyzfile-api/Misc/TestExportXml.c4e (quoted in formats-cytosense.md §9.1).
  const common = {
    serial: 'CS-2016-04',
    configurationDate: '2018-04-24',
    creationDate: '2018-08-30 12:55:16Z',
    delimiter: ';',
    decimalSeparator: ',',
    outputFolder: 'F:\\My CytoSense\\datafiles\\',
    selectedSets: ['Default (all)', 'New Set', 'New Set 1', 'New Set 2'],
    selectedSetsText: 'Default (all),New Set,New Set 1,New Set 2',
    exported: {
      info: false,
      listmode: true,
      pulses: true,
      images: true,
      overviewImages: true,
      setStatistics: true,
      cyzFile: true,
      gpsLog: false,
      sensorLogs: true,
    },
    listmode: {
      arrivalTimeMode: 'Relative',
      outputs: ['csv', 'fcs'],
      channels: ['FWS L', 'FWS R', 'SWS', 'Fl Yellow', 'Fl Orange', 'Fl Red'],
      parameters: ['Length', 'Total', 'Maximum', 'Average', 'Fill factor', 'Number of cells'],
    },
    pulses: { outputs: ['csv'], data: 'smoothed' },
    images: { format: 'png', output: 'zip', cropped: false, croppedScalebar: false, uncropped: true, uncroppedScalebar: false, background: true },
    setStatistics: {
      outputs: ['csv'],
      append: false,
      fileName: 'means_per_set_per_file.csv',
      channels: ['SWS', 'Fl Yellow', 'Fl Orange', 'Fl Red'],
      parameters: ['Total', 'Maximum', 'Average', 'Number of cells'],
      statistics: ['min', 'max', 'mean', 'sd', 'total'],
    },
    encoding: 'utf-8',
    issues: [],
  };

  it('old variant: overview image limit_width / target_width', () => {
    const s = parseExportSettings(readRealFixture(oldC4e));
    expect(s).toMatchObject(common);
    expect(s.overviewImages).toEqual({ format: 'jpg', scalebar: true, particleId: true, limitWidth: false, targetWidth: 100, maxWidth: null, maxHeight: null });
    expect(s.fields['overview_img@target_width']).toBe('100');
    expect(s.fields['listmode/channels']).toBe('FWS L,FWS R,SWS,Fl Yellow,Fl Orange,Fl Red');
    expect(s.fields['exportsettings@serial']).toBe('CS-2016-04');
    expect(s.fields['output_folder']).toBe('F:\\My CytoSense\\datafiles\\');
  });

  it('new variant: overview image max_width / max_height', () => {
    const s = parseExportSettings(readRealFixture(newC4e));
    expect(s).toMatchObject(common);
    expect(s.overviewImages).toEqual({ format: 'jpg', scalebar: true, particleId: true, limitWidth: null, targetWidth: null, maxWidth: 1920, maxHeight: 1080 });
  });

  it('the demo export settings (CytoClus 4 style, UK locale)', () => {
    const s = parseExportSettings(new Uint8Array(fs.readFileSync(demo)));
    expect(s.issues).toEqual([]);
    expect(s).toMatchObject({
      serial: 'CS-0000',
      delimiter: ',',
      decimalSeparator: '.',
      selectedSets: ['Default (all)'],
      exported: { info: true, listmode: true, pulses: false, images: true, overviewImages: false, setStatistics: false, cyzFile: false, gpsLog: false, sensorLogs: false },
      listmode: { arrivalTimeMode: 'None', outputs: ['csv'], channels: ['FWS', 'Sidewards Scatter', 'Fl Yellow', 'Fl Orange', 'Fl Red'], parameters: ['Length', 'Total', 'Maximum', 'Fill factor'] },
      images: { format: 'jpg', output: 'folder', cropped: true, uncropped: false },
      setStatistics: { fileName: 'set_statistics.csv' },
    });
  });
});

describe('parseExportSettings — generated variants', () => {
  it('LF, no BOM, capitalised booleans, spaces in lists', () => {
    const text = oldText()
      .replace(/\r\n/g, '\n')
      .replace('<summary export="false" />', '<summary export="True" />')
      .replace('Default (all),New Set,New Set 1,New Set 2', 'Default (all), New Set , New Set 1,,New Set 2');
    const s = parseExportSettings(utf8(text));
    expect(s.issues).toEqual([]);
    expect(s.exported.info).toBe(true);
    expect(s.selectedSets).toEqual(['Default (all)', 'New Set', 'New Set 1', 'New Set 2']);
  });

  it('Windows-1252 bytes (Excel/Notepad re-save) and an escaped set name', () => {
    const text = oldText().replace('F:\\My CytoSense\\datafiles\\', 'D:\\Données µ\\').replace('New Set 2', 'Diatoms &amp; Dinos');
    const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0) & 0xff));
    const s = parseExportSettings(bytes);
    expect(s.encoding).toBe('windows-1252');
    expect(s.outputFolder).toBe('D:\\Données µ\\');
    expect(s.selectedSets.at(-1)).toBe('Diatoms & Dinos');
  });

  it('a minimal file: absent items are null, missing csv settings are reported', () => {
    const s = parseExportSettings(utf8('<?xml version="1.0"?><exportsettings><listmode export="true" /></exportsettings>'));
    expect(s.exported).toEqual({ info: null, listmode: true, pulses: null, images: null, overviewImages: null, setStatistics: null, cyzFile: null, gpsLog: null, sensorLogs: null });
    expect(s.listmode).toEqual({ arrivalTimeMode: null, outputs: [], channels: [], parameters: [] });
    expect(s).toMatchObject({ serial: null, delimiter: null, decimalSeparator: null, selectedSets: [], selectedSetsText: null, pulses: null, images: null });
    expect(s.issues).toEqual([{ field: 'csv_settings', message: 'no <csv_settings>: delimiter and decimal separator must be sniffed from the CSV files' }]);
  });

  it('unknown option values and bad booleans are kept or nulled with an issue', () => {
    const text = oldText()
      .replace('arrival_time_mode="Relative"', 'arrival_time_mode="Epoch"')
      .replace('data="smoothed"', 'data="filtered"')
      .replace('<cyzfile export="true" />', '<cyzfile export="yes" />')
      .replace('target_width="100"', 'target_width="wide"')
      .replace('decimal_separator=","', 'decimal_separator=";"');
    const s = parseExportSettings(utf8(text));
    expect(s.listmode?.arrivalTimeMode).toBe('Epoch');
    expect(s.pulses?.data).toBe('filtered');
    expect(s.exported.cyzFile).toBeNull();
    expect(s.overviewImages?.targetWidth).toBeNull();
    expect(s.decimalSeparator).toBeNull();
    expect(s.issues).toEqual([
      { field: 'csv_settings@decimal_separator', message: '";" is not "." or ","' },
      { field: 'cyzfile@export', message: '"yes" is not true or false' },
      { field: 'listmode@arrival_time_mode', message: 'unknown value "Epoch" (known: None, Relative, TimeOfDay, DateTime)' },
      { field: 'pulses@data', message: 'unknown value "filtered" (known: smoothed, rawBytes, unsmoothed)' },
      { field: 'overview_img@target_width', message: '"wide" is not a whole number' },
    ]);
  });

  it('same delimiter and decimal separator is reported', () => {
    const s = parseExportSettings(utf8(oldText().replace('delimiter=";"', 'delimiter=","')));
    expect(s.issues).toEqual([{ field: 'csv_settings', message: 'delimiter and decimal separator are both ","' }]);
  });
});

describe('parseExportSettings — broken inputs', () => {
  it('empty file, binary junk, truncated XML and another XML file are refused', () => {
    expect(() => parseExportSettings(new Uint8Array(0))).toThrow(/empty file/);
    const junk = Uint8Array.from({ length: 1024 }, (_, i) => (i * 97 + 3) % 256);
    expect(() => parseExportSettings(junk)).toThrow(CurationError);
    const text = oldText();
    let err: unknown;
    try {
      parseExportSettings(utf8(text.slice(0, text.indexOf('<set_statistics'))));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CurationError);
    expect((err as CurationError).code).toBe('invalid-input');
    expect((err as CurationError).message).toMatch(/malformed XML/);
    expect(() => parseExportSettings(readRealFixture('cyzfile-api/SetFiles/Algae_Single_Rect_TotRedTotOr.xml'))).toThrow(
      'not a CytoClus export-settings file: root element is <SetList>, expected <exportsettings>',
    );
  });

  it('mismatched tags name the line', () => {
    let err: CurationError | undefined;
    try {
      parseExportSettings(utf8('<exportsettings>\n<summary export="true">\n</exportsettings>'));
    } catch (e) {
      err = e as CurationError;
    }
    expect(err?.line).toBe(3);
  });
});
