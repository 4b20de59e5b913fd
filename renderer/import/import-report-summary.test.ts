import { describe, expect, it } from 'vitest';
import type { ImportReport, ImportedSampleReport } from '../../shared/api/import-report.js';
import { issueLine, issueText, summariseImport } from './import-report-summary.js';

function sample(overrides: Partial<ImportedSampleReport> = {}): ImportedSampleReport {
  return {
    id: 'cs-15d2f8b1db1cda83',
    name: 'Pond_NA 2023-05-24 09h23',
    status: 'imported',
    version: 1,
    measurementStart: '2023-05-24T08:26:01Z',
    measurementStartSource: '2023-05-24T09:26:01+01:00',
    timeZoneAssumed: false,
    deployment: null,
    partial: true,
    events: 817,
    volumeAnalysed_uL: 902.45,
    sets: [{ name: 'All Imaged Particles', events: 817 }],
    images: { linked: 4, missing: [181, 301, 341] },
    warnings: 2,
    ...overrides,
  };
}

function report(overrides: Partial<ImportReport> = {}): ImportReport {
  return { job: 'j1', samples: [], tracks: [], errors: [], warnings: [], skipped: [], cancelled: false, ...overrides };
}

describe('summariseImport', () => {
  it('counts outcomes and lists the samples (the real Cefas export)', () => {
    const s = summariseImport(
      report({
        samples: [sample()],
        warnings: [{ code: 'invalid-input', file: '/data/cefas/Pond_NA 2023-05-24 09h23', message: 'the sample is partial' }],
      }),
    );
    expect(s.counts).toEqual({ imported: 1, newVersion: 0, unchanged: 0, tracks: 0, errors: 0, skipped: 0, warnings: 1 });
    expect(s.headline).toBe('1 sample imported.');
    expect(s.rows).toEqual([
      {
        id: 'cs-15d2f8b1db1cda83',
        name: 'Pond_NA 2023-05-24 09h23',
        status: 'imported',
        statusLabel: 'Imported',
        timeUtc: '2023-05-24 08:26:01',
        timeZoneAssumed: false,
        timeSource: '2023-05-24T09:26:01+01:00',
        events: '817',
        partial: true,
        imagesLinked: 4,
        imagesMissing: 3,
        version: 1,
      },
    ]);
    expect(issueText(s.warnings[0]!)).toBe('Pond_NA 2023-05-24 09h23 — the sample is partial');
  });

  it('words mixed outcomes, errors, skipped files and a cancel', () => {
    const s = summariseImport(
      report({
        samples: [sample({ status: 'unchanged' }), sample({ id: 'b', status: 'new-version', version: 2 }), sample({ id: 'c', status: 'unchanged' })],
        tracks: [{ file: '/d/gps.nmea', status: 'imported', points: 10, from: null, to: null }],
        errors: [{ code: 'invalid-input', message: 'not an FCS file', file: '/d/bad.fcs' }],
        skipped: [{ file: '/d/notes.txt', reason: 'not a CytoClus export' }],
        cancelled: true,
      }),
    );
    expect(s.counts).toMatchObject({ imported: 0, newVersion: 1, unchanged: 2, tracks: 1, errors: 1, skipped: 1 });
    expect(s.headline).toBe('Import cancelled. 1 new version, 2 samples unchanged, 1 GPS track; 1 error, 1 file skipped.');
    expect(s.skipped).toEqual([{ where: 'notes.txt', path: '/d/notes.txt', text: 'not a CytoClus export' }]);
    expect(s.rows[1]?.statusLabel).toBe('New version');
  });

  it('says when nothing was imported', () => {
    expect(summariseImport(report()).headline).toBe('Nothing was imported.');
  });

  it('keeps a missing time empty and flags an assumed zone', () => {
    const [row] = summariseImport(report({ samples: [sample({ measurementStart: null, timeZoneAssumed: true })] })).rows;
    expect(row?.timeUtc).toBe('');
    expect(row?.timeZoneAssumed).toBe(true);
  });
});

describe('issueLine', () => {
  it('writes file:line — field: reason', () => {
    const line = issueLine({ code: 'invalid-input', file: 'C:\\exports\\run_Listmode.csv', line: 12, field: 'FWS', message: 'not a number' });
    expect(issueText(line)).toBe('run_Listmode.csv:12 — FWS: not a number');
    expect(line.path).toBe('C:\\exports\\run_Listmode.csv');
    expect(issueText(issueLine({ code: 'internal', message: 'worker crashed' }))).toBe('worker crashed');
  });
});
