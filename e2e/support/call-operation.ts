import type { BrowserModeServer } from './start-browser-mode.js';

/** One contract operation through the browser-mode server's HTTP API (test set-up that needs no clicking). */
export async function callOperation<T>(server: BrowserModeServer, operation: string, body: unknown): Promise<T> {
  const res = await fetch(`${server.origin}/api/call/${operation}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { ok: boolean; result: T; error?: unknown };
  if (!json.ok) throw new Error(`${operation}: ${JSON.stringify(json.error)}`);
  return json.result;
}
