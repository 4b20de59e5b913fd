import { describe, expect, it } from 'vitest';
import { createTranslator, englishT } from '../i18n/translate.js';
import { exampleFileRules, fileRulesWords, formatFileRules, parseFileRulesText } from './file-rules-text.js';

describe('file rule text', () => {
  it('accepts the example as shown in the panel, and empty text as "no rule"', () => {
    expect(parseFileRulesText(formatFileRules(exampleFileRules), englishT)).toEqual({ ok: true, rules: exampleFileRules });
    expect(parseFileRulesText('  \n', englishT)).toEqual({ ok: true, rules: null });
    expect(parseFileRulesText('{"deferRoles": ["pulses"]}', englishT)).toEqual({ ok: true, rules: { deferRoles: ['pulses'] } });
  });

  it('says why a rule is refused: not JSON, a wrong field, an unknown field, a bad network', () => {
    const notJson = parseFileRulesText('{"deferRoles": ["pulses"', englishT);
    expect(notJson.ok).toBe(false);
    expect(!notJson.ok && notJson.problem).toMatch(/^Not valid JSON: /);
    expect(parseFileRulesText('{"deferRoles": "pulses"}', englishT)).toEqual({ ok: false, problem: expect.stringMatching(/^Invalid rule at deferRoles: /) });
    expect(parseFileRulesText('{"deferRoles": [], "sometimes": true}', englishT)).toEqual({ ok: false, problem: expect.stringMatching(/^Invalid rule at the rule: .*sometimes/) });
    expect(parseFileRulesText('[1]', englishT)).toEqual({ ok: false, problem: expect.stringMatching(/^Invalid rule at the rule: /) });
    expect(parseFileRulesText('{"deferRoles": ["pulses"], "unlessNetwork": "10.300.0.0/16"}', englishT)).toEqual({
      ok: false,
      problem: 'Invalid network "10.300.0.0/16": write it like 10.12.0.0/16',
    });
    expect(parseFileRulesText('{"deferRoles": ["pulses"], "unlessNetwork": "10.12.0.0/33"}', createTranslator('fr'))).toEqual({
      ok: false,
      problem: 'Réseau « 10.12.0.0/33 » non valide : écrivez-le comme 10.12.0.0/16',
    });
  });

  it('says in words what a rule does', () => {
    expect(fileRulesWords(exampleFileRules, englishT)).toBe('listmode, pulses files wait for the institute.example network or network 10.12.0.0/16');
    expect(fileRulesWords({ deferRoles: ['pulses'] }, englishT)).toBe('pulses files wait until the rule changes');
    expect(fileRulesWords({ deferRoles: [] }, englishT)).toBe('no file waits');
    expect(fileRulesWords(null, createTranslator('fr'))).toBe('aucun fichier n’attend');
  });
});
