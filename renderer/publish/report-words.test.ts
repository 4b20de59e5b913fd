import { describe, expect, it } from 'vitest';
import type { ValidationReport } from '../../shared/api/publication-contract.js';
import { errorPlace, formatName, shortSha, validationCounts } from './report-words.js';

const words = { line: (n: number) => `line ${n}` };

describe('report words', () => {
  it('shortens a SHA-256 to 12 hex digits', () => {
    const sum = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'; // SHA-256 of nothing
    expect(shortSha(sum)).toBe('e3b0c44298fc');
  });

  it('places an error by line, else by path', () => {
    expect(errorPlace({ line: 12, rule: 'odv.flags', message: 'x' }, words)).toBe('line 12');
    expect(errorPlace({ path: '/gmd:MD_Metadata/gmd:fileIdentifier', rule: 'xsd', message: 'x' }, words)).toBe('/gmd:MD_Metadata/gmd:fileIdentifier');
    expect(errorPlace({ rule: 'netcdf.magic', message: 'x' }, words)).toBe('');
  });

  it('names formats and counts reports', () => {
    expect([formatName('odv'), formatName('cdi-xml'), formatName('sdn-netcdf'), formatName('manifest'), formatName('other')]).toEqual(['ODV', 'CDI XML', 'SeaDataNet NetCDF', 'SHA-256', 'other']);
    const ok: ValidationReport = { valid: true, format: 'sdn-odv', errors: [], skipped: [] };
    const bad: ValidationReport = {
      valid: false,
      format: 'cdi-xml',
      errors: [
        { path: '/a', rule: 'r1', message: 'm' },
        { path: '/b', rule: 'r2', message: 'm' },
      ],
      skipped: [{ rule: 'cdi-12.1.2#40', reason: 'needs the EDMO list online' }],
    };
    expect(validationCounts([{ report: ok }, { report: bad }])).toEqual({ files: 2, invalid: 1, errors: 2, skipped: 1 });
  });
});
