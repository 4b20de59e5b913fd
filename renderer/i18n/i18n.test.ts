import { describe, expect, it } from 'vitest';
import { l20Flags } from '../../shared/model/flag-schemes.js';
import { en } from './en.js';
import type { MessageKey } from './en.js';
import { fr } from './fr.js';
import { createTranslator, fill } from './translate.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('have the same keys, and no empty message', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of [...Object.entries(en), ...Object.entries(fr)]) {
      expect(value.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      // A French singular may leave the count out ("l’échantillon sélectionné").
      if (key.endsWith('.one')) continue;
      expect(placeholders(fr[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('name every L20 flag', () => {
    for (const f of l20Flags) {
      expect(en[`flag.L20.${f.code}` as MessageKey]).toBe(f.label);
      expect(fr[`flag.L20.${f.code}` as MessageKey]).toBeTruthy();
    }
  });

  it('pair every plural form', () => {
    for (const key of Object.keys(en)) {
      if (key.endsWith('.one')) expect(Object.keys(en)).toContain(key.replace(/\.one$/, '.other'));
    }
  });
});

describe('translator', () => {
  it('fills placeholders and formats numbers', () => {
    expect(fill('{a} and {b}', { a: 'x', b: 1234 })).toBe('x and 1,234');
    expect(fill('{missing}')).toBe('{missing}');
  });

  it('chooses plural forms by language', () => {
    const t = createTranslator('en');
    const f = createTranslator('fr');
    expect(t.plural('status.samples', 1)).toBe('1 sample');
    expect(t.plural('status.samples', 0)).toBe('0 samples');
    expect(f.plural('status.samples', 0)).toBe('0 échantillon');
    expect(f.plural('status.samples', 65)).toBe('65 échantillons');
    expect(f('review.needs-attention')).toBe('À revoir');
    expect(f.language).toBe('fr');
  });
});
