/**
 * Maps an app:// request onto a file of the built renderer, without touching Electron or the disk, so the
 * protocol handler's decisions (host check, traversal guard, MIME type) are unit-tested.
 */
import { mimeTypeFor } from '../common/mime-types.js';
import { resolveInside } from '../common/safe-path.js';
import { appHost, appScheme } from './sender-policy.js';

export type AppRequestTarget =
  | { ok: true; file: string; contentType: string }
  | { ok: false; status: 404 | 405; reason: string };

export function resolveAppRequest(rendererDir: string, url: string, method = 'GET'): AppRequestTarget {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405, reason: `method ${method}` };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 404, reason: 'malformed URL' };
  }
  if (parsed.protocol !== `${appScheme}:` || parsed.host !== appHost || parsed.username || parsed.password) {
    return { ok: false, status: 404, reason: `unknown origin ${parsed.protocol}//${parsed.host}` };
  }
  // pathname keeps its percent-encoding; resolveInside decodes it once and refuses traversal.
  const requestPath = parsed.pathname === '/' || parsed.pathname === '' ? '/index.html' : parsed.pathname;
  const file = resolveInside(rendererDir, requestPath);
  if (file === null) return { ok: false, status: 404, reason: `refused path ${parsed.pathname}` };
  return { ok: true, file, contentType: mimeTypeFor(file) };
}
