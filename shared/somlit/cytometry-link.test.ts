import { describe, expect, it } from 'vitest';
import { bundledSomlitTableFile, loadSomlitTable } from '../../electron/somlit/somlit-table-file.js';
import type { LinkAbundance } from './cytometry-link.js';
import { cytometryValues } from './cytometry-link.js';

const table = loadSomlitTable(bundledSomlitTableFile());
const options = { defaultCode: '2' };

function set(sampleId: string, set: string, prefix: string | null, events: number, abundancePerMl: number | null, means: Record<string, number>, extra: Partial<LinkAbundance> = {}): LinkAbundance {
  return {
    sampleId,
    sampleName: `name of ${sampleId}`,
    set,
    group: set,
    prefix,
    events,
    abundancePerMl,
    means,
    normalisedMeans: null,
    templateId: 't_frioul',
    templateVersion: 3,
    overrides: {},
    flag: null,
    note: null,
    ...extra,
  };
}

describe('SOMLIT values from gated FCS samples', () => {
  it('gives the abundance and optical means of each group, recording sample, set, template and version', () => {
    const r = cytometryValues(
      table,
      [
        set('s1', 'OraPicoProk', 'SYN', 120, 24_000, { 'SSC-A': 1.25, 'FL3-A': 40, 'FL2-A': 300 }),
        set('s1', 'Beads', null, 500, 100_000, {}),
      ],
      options,
    );
    expect(r.values['SYNC']).toEqual({
      value: 24_000,
      code: '2',
      comment: null,
      source: {
        kind: 'cytometry',
        quantity: 'abundance',
        channel: null,
        normalised: false,
        samples: [{ sampleId: 's1', name: 'name of s1', set: 'OraPicoProk', group: 'OraPicoProk', templateId: 't_frioul', templateVersion: 3, overrides: {}, events: 120 }],
      },
    });
    expect(r.values['SYNSSC']).toMatchObject({ value: 1.25, source: { quantity: 'SSC', channel: 'SSC-A' } });
    expect(r.values['SYNFLR']).toMatchObject({ value: 40, source: { channel: 'FL3-A' } });
    expect(r.values['SYNFLO']).toMatchObject({ value: 300, source: { channel: 'FL2-A' } });
    expect(Object.keys(r.values).sort()).toEqual(['SYNC', 'SYNFLO', 'SYNFLR', 'SYNSSC']);
    expect(r.unmatchedSets).toEqual([{ sampleId: 's1', set: 'Beads', group: 'Beads' }]);
    expect(r.problems).toEqual([]);
  });

  it('builds total prokaryotes from HNA and LNA: abundances added, means weighted by events', () => {
    const r = cytometryValues(
      table,
      [set('s1', 'HetHNA', 'HNABAC', 300, 600_000, { 'SSC-A': 2, 'FL1-A': 10 }), set('s1', 'HetLNA', 'LNABAC', 100, 200_000, { 'SSC-A': 1, 'FL1-A': 4 })],
      options,
    );
    expect(r.values['TBACC']?.value).toBe(800_000);
    // (300 × 2 + 100 × 1) / 400 = 1.75 ; (300 × 10 + 100 × 4) / 400 = 8.5
    expect(r.values['TBACSSC']?.value).toBe(1.75);
    expect(r.values['TBACFLV']?.value).toBe(8.5);
    expect(r.values['TBACC']?.source).toMatchObject({ samples: [{ set: 'HetHNA' }, { set: 'HetLNA' }] });
    expect(r.values['HNABACC']?.value).toBe(600_000);
  });

  it('replicates give their mean with code 6; means normalised to beads are preferred; a gating flag 3 is kept', () => {
    const r = cytometryValues(
      table,
      [
        set('s1', 'OraPicoProk', 'SYN', 100, 20_000, { 'SSC-A': 1 }, { normalisedMeans: { 'SSC-A': 0.5 } }),
        set('s2', 'OraPicoProk', 'SYN', 110, 22_001, { 'SSC-A': 3 }, { normalisedMeans: { 'SSC-A': 0.7 } }),
        set('s1', 'RedPico', 'PICOE', 10, 2_000, {}, { flag: '3', note: 'smart trigger: set not confirmed inside the rule' }),
        set('s2', 'RedPico', 'PICOE', 12, 2_400, {}),
      ],
      options,
    );
    // (20000 + 22001) / 2 = 21000.5, rounded to the table's 0 decimals
    expect(r.values['SYNC']).toMatchObject({ value: 21_001, code: '6' });
    expect(r.values['SYNSSC']).toMatchObject({ value: 0.6, code: '6', source: { normalised: true, channel: 'SSC-A' } });
    expect(r.values['PICOEC']).toMatchObject({ value: 2_200, code: '3', comment: 'smart trigger: set not confirmed inside the rule' });
  });

  it('says why a parameter is not linked', () => {
    const r = cytometryValues(
      table,
      [
        set('s1', 'OraPicoProk', 'SYN', 100, 5_000_000, { 'Weird-A': 1 }),
        set('s1', 'RedPicoProk', 'PRO', 10, null, { 'SSC-A': 1 }, { note: 'volume unknown' }),
        set('s1', 'Crypto', 'CRY', 0, 0, {}),
        set('s1', 'RedPico', 'PICOE', 5, 100, {}),
        set('s1', 'RedPico2', 'PICOE', 5, 100, {}),
      ],
      options,
    );
    const messages = Object.fromEntries(r.problems.map((p) => [p.parameter, p.message]));
    // 5 000 000 cells/mL is above the table's 1 000 000 for SYNC
    expect(messages['SYNC']).toMatch(/^SYNC = 5000000 cells\/mL is outside the plausible range 0 to 1000000.*not linked/);
    expect(messages['SYNSSC']).toMatch(/none of the SSC columns/);
    expect(messages['PROC']).toBe('PROC: sample name of s1 has no abundance for RedPicoProk (volume unknown): not linked');
    expect(messages['CRYSSC']).toMatch(/has no events, so no mean/);
    expect(messages['PICOE']).toMatch(/two sets of group prefix PICOE/);
    expect(r.values['CRYC']).toMatchObject({ value: 0, code: '2' });
    expect(r.values['PICOEC']).toBeUndefined();
  });
});
