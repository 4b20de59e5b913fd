import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CurationError } from '../../api/errors.js';
import { findGroup, normaliseGroupName, parseGroupVocabulary, unverifiedMark } from './group-vocabulary.js';

const bundledPath = new URL('../../../resources/vocabularies/flow-cytometry-groups.json', import.meta.url);
const bundledJson = (): Record<string, unknown> => JSON.parse(fs.readFileSync(bundledPath, 'utf8')) as Record<string, unknown>;
const bundled = parseGroupVocabulary(bundledJson());

function rejection(value: unknown): { field: string | undefined; message: string } {
  try {
    parseGroupVocabulary(value);
  } catch (e) {
    expect(e).toBeInstanceOf(CurationError);
    return { field: (e as CurationError).field, message: (e as CurationError).message };
  }
  throw new Error('expected the vocabulary to be rejected');
}

/** The bundled file with one group replaced or patched. */
function withGroup(index: number, patch: Record<string, unknown> | unknown): Record<string, unknown> {
  const json = bundledJson();
  const entries = [...(json.entries as unknown[])];
  entries[index] = typeof patch === 'object' && patch !== null && !Array.isArray(patch) ? { ...(entries[index] as object), ...patch } : patch;
  return { ...json, entries };
}

describe('the bundled vocabulary', () => {
  it('validates, with the names, codes and SOMLIT prefixes of formats-seadatanet.md §6 and §9.2', () => {
    expect(bundled.version).toBe('1');
    expect(bundled.note).toContain('not available offline');
    const names = bundled.entries.map((g) => g.name);
    // The nine names §6.6 gives, in this order, then the unsure and local ones.
    expect(names.slice(0, 9)).toEqual(['OraPicoProk', 'RedPicoProk', 'RedPico', 'RedNano', 'OraNano', 'RedMicro', 'HsNano', 'HetHNA', 'HetLNA']);
    expect(bundled.entries.filter((g) => g.nameStatus === 'unsure').map((g) => g.name)).toEqual(['OraPico', 'OraMicro', 'HsPico']);
    expect(bundled.entries.filter((g) => g.nameStatus === 'local').map((g) => g.name)).toEqual(['HfNano', 'HflrNano', 'HflrPico']);
    expect(bundled.entries.every((g) => g.verified === false && g.p06 === 'UCML')).toBe(true);
    // §9.2: SYNC ↔ OraPicoProk, PROC ↔ RedPicoProk, PICOEC ↔ RedPico, CRYC ↔ OraNano, NANOEC ↔ RedNano, HNABACC ↔ HetHNA, LNABACC ↔ HetLNA
    const somlit = Object.fromEntries(bundled.entries.filter((g) => g.somlit).map((g) => [`${g.somlit}C`, g.name]));
    expect(somlit).toEqual({ SYNC: 'OraPicoProk', PROC: 'RedPicoProk', PICOEC: 'RedPico', CRYC: 'OraNano', NANOEC: 'RedNano', HNABACC: 'HetHNA', LNABACC: 'HetLNA' });
    // §6.5 candidates
    expect(findGroup(bundled, 'OraPicoProk')?.p01).toBe('P700A90Z');
    expect(findGroup(bundled, 'RedPicoProk')?.p01).toBe('P701A90Z');
    expect(findGroup(bundled, 'HetHNA')).toMatchObject({ p01: 'P18318A9', p02: 'BNTX' });
    expect(findGroup(bundled, 'HetLNA')).toMatchObject({ p01: null, p02: 'BNTX' });
  });
});

describe('findGroup', () => {
  it('matches names regardless of case, spaces and punctuation', () => {
    expect(findGroup(bundled, 'Ora Pico Prok')?.name).toBe('OraPicoProk');
    expect(findGroup(bundled, 'orapicoprok')?.name).toBe('OraPicoProk');
    expect(findGroup(bundled, ' RED-PICO ')?.name).toBe('RedPico');
    expect(findGroup(bundled, 'het_hna')?.name).toBe('HetHNA');
  });

  it('matches older identifiers and common CytoClus set names', () => {
    const cases: [string, string][] = [
      ['ORGPICOPRO', 'OraPicoProk'],
      ['REDPICOPRO', 'RedPicoProk'],
      ['REDPICOEUK', 'RedPico'],
      ['REDNANO', 'RedNano'],
      ['ORGNANO', 'OraNano'],
      ['MICRO', 'RedMicro'],
      ['Synecho', 'OraPicoProk'],
      ['synechococcus', 'OraPicoProk'],
      ['Prochlorococcus', 'RedPicoProk'],
      ['Crypto', 'OraNano'],
      ['OraNano_crypto', 'OraNano'],
      ['PicoEuk', 'RedPico'],
      ['Pico Euk', 'RedPico'],
      ['NanoEuk', 'RedNano'],
      ['HNA', 'HetHNA'],
      ['lna', 'HetLNA'],
      ['Picoeucaryote', 'RedPico'],
    ];
    for (const [alias, name] of cases) expect(findGroup(bundled, alias)?.name, alias).toBe(name);
  });

  it('finds nothing for unknown, empty or punctuation-only names', () => {
    expect(findGroup(bundled, 'Beads')).toBeNull();
    expect(findGroup(bundled, '')).toBeNull();
    expect(findGroup(bundled, ' - _ ')).toBeNull();
  });

  it('normalises accents and punctuation', () => {
    expect(normaliseGroupName('Cryptophycées (Ora-Nano)')).toBe('cryptophyceesoranano');
  });
});

describe('unverifiedMark', () => {
  it('marks every bundled entry, in words that depend on the name status', () => {
    expect(unverifiedMark(findGroup(bundled, 'RedNano')!)).toBe('unverified: F02/P01 codes not checked against NVS');
    expect(unverifiedMark(findGroup(bundled, 'OraPico')!)).toBe('unverified: name not confirmed in F02, codes not checked against NVS');
    expect(unverifiedMark(findGroup(bundled, 'HflrNano')!)).toBe('unverified: local name, not in F02');
    expect(unverifiedMark({ verified: true, nameStatus: 'standard' })).toBeNull();
  });
});

describe('parseGroupVocabulary rejects malformed input', () => {
  it('naming the entry index, the group and the field', () => {
    expect(rejection(withGroup(3, { p01: 'X726A86' }))).toEqual({
      field: 'entries[3].p01',
      message: 'entries[3] ("RedNano"): p01 must be an 8-character P01 code (capital letters and digits) or null, got "X726A86"',
    });
    expect(rejection(withGroup(0, { name: '' }))).toEqual({ field: 'entries[0].name', message: 'entries[0]: name must be a non-empty text, got ""' });
    expect(rejection(withGroup(2, { aliases: 'PicoEuk' }))).toEqual({
      field: 'entries[2].aliases',
      message: 'entries[2] ("RedPico"): aliases must be a list of names (possibly empty), got "PicoEuk"',
    });
    expect(rejection(withGroup(2, { aliases: ['PicoEuk', 7] }))).toEqual({
      field: 'entries[2].aliases[1]',
      message: 'entries[2] ("RedPico"): alias 1 must be a name with letters or digits, got number',
    });
    expect(rejection(withGroup(1, { verified: 'no' })).message).toBe('entries[1] ("RedPicoProk"): verified must be true or false, got "no"');
    expect(rejection(withGroup(1, { nameStatus: 'official' })).message).toBe(
      'entries[1] ("RedPicoProk"): nameStatus must be one of standard, unsure, local, got "official"',
    );
    expect(rejection(withGroup(4, { p1: 'J79A0596' }))).toMatchObject({ field: 'entries[4].p1' });
    expect(rejection(withGroup(4, { p1: 'J79A0596' })).message).toMatch(/^entries\[4\] \("OraNano"\): unknown field "p1"/);
    expect(rejection(withGroup(5, null))).toEqual({ field: 'entries[5]', message: 'entries[5] must be an object, got null' });
    const json = withGroup(6, {});
    delete ((json.entries as Record<string, unknown>[])[6] as Record<string, unknown>).somlit;
    expect(rejection(json).message).toBe('entries[6] ("HsNano"): somlit is missing (write null when there is none)');
  });

  it('a name or alias used by two groups', () => {
    expect(rejection(withGroup(3, { aliases: ['Synecho coccus'] }))).toEqual({
      field: 'entries[3]',
      message: 'entries[3] ("RedNano"): "Synecho coccus" is already used by entries[0] ("OraPicoProk") as "Synechococcus"',
    });
  });

  it('bad top level', () => {
    expect(rejection(null).message).toBe('the group vocabulary must be a JSON object, got null');
    expect(rejection([]).message).toBe('the group vocabulary must be a JSON object, got a list');
    expect(rejection({ ...bundledJson(), entries: [] })).toEqual({ field: 'entries', message: 'entries must be a non-empty list, got a list' });
    expect(rejection({ ...bundledJson(), version: 1 })).toEqual({ field: 'version', message: 'version must be a non-empty text, got number' });
    expect(rejection({ ...bundledJson(), extra: true }).message).toBe('unknown top-level field "extra" (expected version, source, note, entries)');
  });
});
