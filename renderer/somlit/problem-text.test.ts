import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n/translate.js';
import { codeTitle, problemText } from './problem-text.js';

describe('SOMLIT problems in the interface language', () => {
  it('words every rule in French with French numbers and code meanings', () => {
    const fr = createTranslator('fr');
    expect(problemText(fr, { rule: 'detection-limit', field: 'NH4', params: { value: 0.5, limit: 0.02, unit: 'µmol/L' } })).toBe(
      'NH4 : le code 0 (sous la limite de détection) enregistre la limite de détection 0,02 µmol/L comme valeur, pas 0,5',
    );
    expect(problemText(fr, { rule: 'no-value-code', field: 'NO3', params: { code: '5', value: 3.2 } })).toBe(
      'NO3 : le code 5 (Prélevé, valeur pas encore fournie) signifie pas de valeur : effacez la valeur 3,2 ou changez le code',
    );
    expect(problemText(fr, { rule: 'incomplete', field: 'depthLevel', params: {} })).toBe('La saisie n’a pas encore de Niveau (PROF_TEXT) : elle ne peut pas être exportée');
    expect(codeTitle(fr, '6')).toBe('q6 : Bonne donnée, moyenne de plusieurs réplicats');
    const en = createTranslator('en');
    expect(problemText(en, { rule: 'out-of-range', field: 'T', params: { value: 45, unit: '°C', min: -2, max: 32, code: '2' } })).toBe(
      'T = 45 °C is outside the plausible range -2 to 32: use code 3 (questionable) or 4 (bad) and give the reason in a comment',
    );
  });
});
