/**
 * The sync server's state in plain words for the status bar. Working offline is a normal state for this
 * tool (ships at sea, field stations), so it is worded neutrally, never as an error.
 */
import type { ServerStatus } from '../../shared/api/contract.js';

export type ServerTone = 'neutral' | 'ok';

export function serverStatusWords(server: ServerStatus): { text: string; tone: ServerTone } {
  if (!server.configured) return { text: 'Sync server: not configured — working offline', tone: 'neutral' };
  if (server.reachable) return { text: 'Sync server: reachable', tone: 'ok' };
  const detail = server.detail.trim();
  const reason = detail && detail.toLowerCase() !== 'offline' ? ` (${detail})` : '';
  return { text: `Sync server: offline${reason}`, tone: 'neutral' };
}
