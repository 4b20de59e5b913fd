/**
 * SOMLIT problems and quality codes in the interface language: the rule's sentence from the catalogue, numbers with
 * the language's decimal separator (a detection limit of 0,02 in French), code meanings translated.
 */
import type { SomlitProblem } from '../../shared/somlit/consistency-rules.js';
import type { MessageKey } from '../i18n/en.js';
import type { Translator } from '../i18n/translate.js';
import { formatNumber } from './grid-model.js';

const entryFields = new Set(['site', 'date', 'time', 'tideCoefficient', 'tide', 'depthLevel', 'depth']);

export function codeMeaning(t: Translator, code: string): string {
  return /^[0-9]$/.test(code) ? t(`somlit.code.${code}` as MessageKey) : code;
}

/** "q2: Good data, non-replicated": what a q cell shows on hover. */
export function codeTitle(t: Translator, code: string): string {
  return t('somlit.codeTitle', { code, meaning: codeMeaning(t, code) });
}

export function problemText(t: Translator, problem: SomlitProblem | { rule: string; field: string; params: Record<string, string | number> }): string {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(problem.params)) params[k] = typeof v === 'number' ? formatNumber(v, t.language) : v;
  params['field'] = entryFields.has(problem.field) ? t(`somlit.field.${problem.field}` as MessageKey) : problem.field;
  if (params['code'] !== undefined) params['meaning'] = codeMeaning(t, params['code']);
  return t(`somlit.rule.${problem.rule}` as MessageKey, params);
}
