import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledSomlitTableFile, loadSomlitTable } from '../../electron/somlit/somlit-table-file.js';
import { CurationError } from '../api/errors.js';
import { depthLevelOrder, findParameter, findSite, parametersOfType, parseSomlitTable } from './somlit-table.js';

const raw = () => JSON.parse(fs.readFileSync(bundledSomlitTableFile(), 'utf8')) as Record<string, any>;

function refusal(mutate: (t: Record<string, any>) => void): CurationError {
  const t = raw();
  mutate(t);
  try {
    parseSomlitTable(t);
  } catch (err) {
    if (err instanceof CurationError) return err;
    throw err;
  }
  throw new Error('the table was accepted');
}

describe('SOMLIT table', () => {
  it('reads the bundled table: the sites, levels and parameters of formats-seadatanet.md §9', () => {
    const table = loadSomlitTable(bundledSomlitTableFile());
    expect(table.sites.map((s) => `${s.id} ${s.name}`)).toEqual(['10 Sola', '11 Frioul', '12 Point B']);
    // §9.3: Frioul, 43.2417 N, 5.29167 E, surface sample at 1 m
    expect(findSite(table, '11')).toMatchObject({ latitude: 43.2417, longitude: 5.29167, surfaceDepth: 1 });
    // §9.2 hydro order
    expect(parametersOfType(table, 'hydro').map((p) => p.code)).toEqual(['T', 'S', 'O', 'PH', 'NH4', 'NO3', 'NO2', 'PO4', 'SIOH4', 'COP', 'NOP', 'MES', 'DN15', 'DC13', 'CHLA']);
    // §9.2 full observed pico/nano order, every other column being the q column
    const observed =
      'TBACC qTBACC TBACSSC qTBACSSC TBACFLV qTBACFLV HNABACC qHNABACC HNABACSSC qHNABACSSC HNABACFLV qHNABACFLV LNABACC qLNABACC LNABACSSC qLNABACSSC LNABACFLV qLNABACFLV CRYC qCRYC CRYSSC qCRYSSC CRYFLR qCRYFLR CRYFLO qCRYFLO SYNC qSYNC SYNSSC qSYNSSC SYNFLR qSYNFLR SYNFLO qSYNFLO PROC qPROC PROSSC qPROSSC PROFLR qPROFLR PICOEC qPICOEC PICOESSC qPICOESSC PICOEFLR qPICOEFLR NANOEC qNANOEC NANOESSC qNANOESSC NANOEFLR qNANOEFLR';
    expect(parametersOfType(table, 'piconano').map((p) => p.code)).toEqual(observed.split(' ').filter((c) => !c.startsWith('q')));
    expect(findParameter(table, 'NH4')).toMatchObject({ unit: 'µmol/L', detectionLimit: 0.02, plausible: [0, 20] });
    expect(findParameter(table, 'SYNFLR')?.cytometry).toEqual({ prefix: 'SYN', quantity: 'FLR' });
    expect(findParameter(table, 'TBACC')?.cytometry).toEqual({ prefix: 'TBAC', quantity: 'abundance', sumOf: ['HNABAC', 'LNABAC'] });
    expect(table.extraction.keyColumns.map((c) => c.name)).toEqual(['ID_SITE', 'DATE', 'HEURE', 'COEF_MAREE', 'MAREE', 'PROF_TEXT', 'PROF_NUM', 'nomSite*', 'gpsLat*', 'gpsLong*']);
    expect(depthLevelOrder(table, 'S')).toBeLessThan(depthLevelOrder(table, 'F'));
    expect(depthLevelOrder(table, 'X')).toBe(table.depthLevels.length);
  });

  it('refuses a broken table, naming the entry and field', () => {
    expect(refusal((t) => t.parameters.push({ ...t.parameters[0] })).message).toMatch(/parameters\[41\] repeats parameter "T" of parameters\[0\]/);
    expect(refusal((t) => (t.parameters[4].plausible = [5, 1])).field).toBe('parameters[4].plausible');
    expect(refusal((t) => (t.parameters[0].code = 'no3')).field).toBe('parameters[0].code');
    expect(refusal((t) => (t.parameters[0].colour = 'red')).message).toMatch(/parameters\[0\]/);
    expect(refusal((t) => (t.sites[0].name = 'Sola; Banyuls')).field).toBe('sites[0].name');
    expect(refusal((t) => (t.parameters[15].cytometry.sumOf = ['HNABAC', 'XYZ'])).message).toMatch(/TBACC is a sum of XYZ/);
    expect(refusal((t) => (t.extraction.keyColumns = t.extraction.keyColumns.filter((c: { field: string }) => c.field !== 'date'))).message).toMatch(/key column for date/);
    expect(refusal((t) => Object.assign(t.extraction, { separator: ',', decimalSeparator: ',' })).field).toBe('extraction.decimalSeparator');
    expect(refusal((t) => (t.defaultCode = '12')).field).toBe('defaultCode');
    expect(refusal((t) => { t.extraction.qualityPrefix = 'Q'; t.parameters.push({ ...t.parameters[0], code: 'QT' }); }).message).toMatch(/quality column of T/);
  });
});
