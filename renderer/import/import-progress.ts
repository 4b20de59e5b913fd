/**
 * What the progress bar shows for an import's progress events. The service counts items (samples, files)
 * in done/total and appends the bytes read to the message: "reading X (1.2 of 2.9 MB)".
 */
import type { ProgressEvent } from '../../shared/api/events.js';
import { englishT } from '../i18n/translate.js';
import type { Translator } from '../i18n/translate.js';

export interface ProgressView {
  /** The message without the byte counts, e.g. "reading Pond_NA 2023-05-24 09h23". */
  text: string;
  /** "1 of 3 items"; empty before the service has counted them. */
  items: string;
  /** "1.2 of 2.9 MB", as the service wrote it; empty when the message has none. */
  bytes: string;
  /** 0…1 for the bar; null while the total is unknown (the bar is then indeterminate). */
  fraction: number | null;
}

const bytesPattern = /\s*\((\d+(?:\.\d+)?) of (\d+(?:\.\d+)?) MB\)\s*$/;

export function splitProgressMessage(message: string): { text: string; doneMB: number | null; totalMB: number | null } {
  const match = bytesPattern.exec(message);
  if (!match) return { text: message.trim(), doneMB: null, totalMB: null };
  return { text: message.slice(0, match.index).trim(), doneMB: Number(match[1]), totalMB: Number(match[2]) };
}

/**
 * Items drive the bar while there are several; with a single item (one big sample) the bytes move while the
 * count stays at 0 of 1, so the bytes drive it then.
 */
export function progressFraction(done: number, total: number | null, doneMB: number | null, totalMB: number | null): number | null {
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  const byItems = total !== null && total > 0 ? clamp(done / total) : null;
  const byBytes = doneMB !== null && totalMB !== null && totalMB > 0 ? clamp(doneMB / totalMB) : null;
  if (byItems === null) return byBytes;
  if (byBytes === null) return byItems;
  return total === 1 ? Math.max(byItems, byBytes) : byItems;
}

export function progressView(event: Pick<ProgressEvent, 'done' | 'total' | 'message'> | null, t: Translator = englishT): ProgressView {
  if (!event) return { text: t('import.starting'), items: '', bytes: '', fraction: null };
  const { text, doneMB, totalMB } = splitProgressMessage(event.message);
  const items = event.total === null ? '' : t.plural('import.items', event.total, { done: event.done, total: event.total });
  const bytes = doneMB !== null && totalMB !== null ? t('import.megabytes', { done: doneMB.toFixed(1), total: totalMB.toFixed(1) }) : '';
  const capitalised = text ? text[0]!.toUpperCase() + text.slice(1) : '';
  return { text: capitalised, items, bytes, fraction: progressFraction(event.done, event.total, doneMB, totalMB) };
}
