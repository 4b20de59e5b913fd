/**
 * Whether the sync server answers. Offline is the normal state aboard a ship, so every outcome is a status,
 * never an exception; the probe is bounded by a short timeout so the status bar never waits on the network.
 */
import type { ServerStatus } from '../../shared/api/contract.js';

export function notConfiguredStatus(): ServerStatus {
  return { configured: false, url: null, reachable: false, checkedAt: null, detail: 'not configured — working offline' };
}

export async function probeServer(url: string, timeoutMs = 3000): Promise<ServerStatus> {
  const checkedAt = new Date().toISOString();
  let healthUrl: string;
  try {
    healthUrl = new URL('health', url.endsWith('/') ? url : `${url}/`).toString();
  } catch {
    return { configured: true, url, reachable: false, checkedAt, detail: `offline: invalid server URL` };
  }
  try {
    const res = await fetch(healthUrl, { signal: AbortSignal.timeout(timeoutMs) });
    if (res.ok) return { configured: true, url, reachable: true, checkedAt, detail: 'reachable' };
    return { configured: true, url, reachable: false, checkedAt, detail: `offline: server answered HTTP ${res.status}` };
  } catch (err) {
    const reason = err instanceof Error && err.name === 'TimeoutError' ? 'no answer' : 'not reachable';
    return { configured: true, url, reachable: false, checkedAt, detail: `offline: ${reason}` };
  }
}
