/**
 * The sync server's state in plain words for the status bar. Working offline is a normal state for this
 * tool (ships at sea, field stations), so it is worded neutrally, never as an error.
 */
import type { ServerStatus } from '../../shared/api/contract.js';
import { englishT } from '../i18n/translate.js';
import type { Translator } from '../i18n/translate.js';

export type ServerTone = 'neutral' | 'ok';

export function serverStatusWords(server: ServerStatus, t: Translator = englishT): { text: string; tone: ServerTone } {
  if (!server.configured) return { text: t('server.notConfigured'), tone: 'neutral' };
  if (server.reachable) return { text: t('server.reachable'), tone: 'ok' };
  const detail = server.detail.trim();
  const reason = detail && detail.toLowerCase() !== 'offline' ? detail : '';
  return { text: reason ? t('server.offlineReason', { reason }) : t('server.offline'), tone: 'neutral' };
}
