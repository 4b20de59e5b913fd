import { describe, expect, it } from 'vitest';
import { baseName, isInside } from './path-names.js';

describe('baseName', () => {
  it('takes the last part with either separator', () => {
    expect(baseName('/data/cefas/Pond_NA_Info.txt')).toBe('Pond_NA_Info.txt');
    expect(baseName('C:\\exports\\run 1\\a.fcs')).toBe('a.fcs');
    expect(baseName('/data/cefas/')).toBe('cefas');
    expect(baseName('plain')).toBe('plain');
    expect(baseName('/')).toBe('/');
  });
});

describe('isInside', () => {
  it('is true for descendants only', () => {
    expect(isInside('/data', '/data/a.csv')).toBe(true);
    expect(isInside('/data', '/data/x/y')).toBe(true);
    expect(isInside('/data', '/data')).toBe(false);
    expect(isInside('/data', '/database/a.csv')).toBe(false);
    expect(isInside('/data/x', '/data')).toBe(false);
  });

  it('understands roots and Windows paths', () => {
    expect(isInside('/', '/data')).toBe(true);
    expect(isInside('C:\\', 'C:\\exports')).toBe(true);
    expect(isInside('C:\\exports', 'C:\\exports\\a.fcs')).toBe(true);
    expect(isInside('C:\\exports', 'C:\\exports2')).toBe(false);
  });
});
