/**
 * Who may call the browser-mode API. The service listens on 127.0.0.1 only, but any web page the user visits
 * can send requests there, and DNS rebinding can make a foreign site look same-origin. So every API request
 * must carry the per-launch token, name our host, and come from our own origin when it names one.
 */
import { timingSafeEqual } from 'node:crypto';

export interface GuardInput {
  method: string;
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
  authorization: string | undefined;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function tokenMatches(expected: string, authorization: string | undefined): boolean {
  if (!authorization?.startsWith('Bearer ')) return false;
  const given = Buffer.from(authorization.slice('Bearer '.length).trim(), 'utf8');
  const want = Buffer.from(expected, 'utf8');
  // Compare in constant time; lengths differing is itself not secret (the token length is fixed).
  return given.length === want.length && timingSafeEqual(given, want);
}

export function checkApiRequest(input: GuardInput, token: string, port: number): GuardVerdict {
  const hosts = allowedHosts(port);
  if (!input.host || !hosts.includes(input.host.toLowerCase())) {
    return { ok: false, status: 403, reason: `unexpected Host header: ${input.host ?? '(none)'}` };
  }
  if (input.origin !== undefined && !hosts.map((h) => `http://${h}`).includes(input.origin.toLowerCase())) {
    return { ok: false, status: 403, reason: `requests from origin ${input.origin} are not allowed` };
  }
  if (input.secFetchSite !== undefined && !['same-origin', 'none'].includes(input.secFetchSite)) {
    return { ok: false, status: 403, reason: `cross-site request refused (${input.secFetchSite})` };
  }
  if (!tokenMatches(token, input.authorization)) {
    return { ok: false, status: 401, reason: 'missing or wrong launch token' };
  }
  return { ok: true };
}
