/**
 * The audit list of one sample: newest first, each event with its value before and after in words, and the
 * Undo (or, for an undo, Redo) button on the first row of each changeset that has not been undone since.
 */
import type { AuditEvent } from '../../shared/api/contract.js';
import type { MessageKey } from '../i18n/en.js';
import type { Translator } from '../i18n/translate.js';
import { englishT } from '../i18n/translate.js';

export interface AuditRow {
  event: AuditEvent;
  /** 'undo' / 'redo' button on this row, or null (not the changeset's first row, or undone since). */
  button: 'undo' | 'redo' | null;
  /** This changeset was undone by a later one. */
  undone: boolean;
}

export function auditRows(events: readonly AuditEvent[]): AuditRow[] {
  const ordered = [...events].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const undoneBy = new Set(ordered.filter((e) => e.action === 'undo' && e.undoes).map((e) => e.undoes as string));
  const redone = new Set(ordered.filter((e) => e.action === 'redo' && e.undoes).map((e) => e.undoes as string));
  const seen = new Set<string>();
  return ordered.map((event) => {
    const first = !seen.has(event.changeset);
    seen.add(event.changeset);
    const undone = undoneBy.has(event.changeset);
    let button: AuditRow['button'] = null;
    if (first && !undone) button = event.action === 'undo' ? (redone.has(event.changeset) ? null : 'redo') : 'undo';
    return { event, button, undone };
  });
}

/**
 * A target value in words: "4 (bad value)", "Approved", the comment text. No value means the target's
 * initial state: no flag, unreviewed, no comment ("—").
 */
export function auditValue(value: unknown, t: Translator = englishT, kind?: string): string {
  if (value === null || value === undefined) return kind === 'review' ? t('review.unreviewed') : kind === 'flag' ? t('flag.none') : '—';
  if (typeof value !== 'object') return String(value);
  const v = value as Record<string, unknown>;
  if (typeof v.code === 'string') {
    const label = v.scheme === 'L20' || v.scheme === undefined ? t(`flag.L20.${v.code}` as MessageKey) : '';
    const scheme = v.scheme && v.scheme !== 'L20' ? `${String(v.scheme)} ` : '';
    return `${scheme}${v.code}${label && !label.startsWith('flag.') ? ` (${label})` : ''}`;
  }
  if (typeof v.state === 'string') return t(`review.${v.state}` as MessageKey);
  if (typeof v.text === 'string') return v.text === '' ? '—' : v.text;
  return JSON.stringify(value);
}
