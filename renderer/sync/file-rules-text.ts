/**
 * The Sync panel's file rule field: JSON typed by the user, checked here before it is sent (the service checks
 * it again), with the reason in the user's language. Empty text clears the rule (no file waits).
 */
import type { FileRules } from '../../shared/sync/file-rules.js';
import { fileRulesSchema } from '../../shared/sync/file-rules.js';
import type { Translator } from '../i18n/translate.js';

export const exampleFileRules: FileRules = { deferRoles: ['listmode', 'pulses'], unlessHostMatches: 'institute.example', unlessNetwork: '10.12.0.0/16' };

export function formatFileRules(rules: FileRules | null): string {
  return rules ? JSON.stringify(rules, null, 2) : '';
}

const cidrPattern = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function validCidr(text: string): boolean {
  const m = cidrPattern.exec(text);
  if (!m) return false;
  const parts = m.slice(1, 5).map(Number);
  return parts.every((p) => p <= 255) && Number(m[5]) <= 32;
}

export type FileRulesParse = { ok: true; rules: FileRules | null } | { ok: false; problem: string };

export function parseFileRulesText(text: string, t: Translator): FileRulesParse {
  if (text.trim() === '') return { ok: true, rules: null };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, problem: t('sync.rules.notJson', { detail: err instanceof Error ? err.message : String(err) }) };
  }
  const parsed = fileRulesSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length ? first.path.join('.') : t('sync.rules.rule');
    return { ok: false, problem: t('sync.rules.invalid', { where, detail: first?.message ?? '' }) };
  }
  const network = parsed.data.unlessNetwork;
  if (network !== undefined && !validCidr(network)) return { ok: false, problem: t('sync.rules.badNetwork', { network }) };
  return { ok: true, rules: parsed.data };
}

/** "listmode, pulses wait for the institute.example network or network 10.12.0.0/16". */
export function fileRulesWords(rules: FileRules | null, t: Translator): string {
  if (!rules || rules.deferRoles.length === 0) return t('sync.rules.none');
  const where = [rules.unlessHostMatches && t('sync.rules.host', { host: rules.unlessHostMatches }), rules.unlessNetwork && t('sync.rules.network', { network: rules.unlessNetwork })]
    .filter(Boolean)
    .join(t('sync.rules.or'));
  const roles = rules.deferRoles.join(', ');
  return where ? t('sync.rules.deferUntil', { roles, where }) : t('sync.rules.deferAlways', { roles });
}
