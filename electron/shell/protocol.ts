/**
 * The renderer is served from app://cytocurator/ rather than file://: a real origin for the CSP and the IPC
 * sender check, no file:// privileges, and nothing outside dist/renderer reachable (resolveInside).
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { securityHeaders } from '../common/csp.js';
import { appScheme } from './sender-policy.js';
import { resolveAppRequest } from './static-files.js';

/** Must run before `ready`. `standard` gives the scheme an origin and relative URLs; `secure` a secure context. */
export function registerAppScheme(): void {
  // corsEnabled: Vite marks module scripts and stylesheets crossorigin, which needs a CORS-capable scheme.
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const target = resolveAppRequest(rendererDir, request.url, request.method);
    if (!target.ok) return plain(target.status, target.status === 405 ? 'Method Not Allowed' : 'Not Found');
    let body: Uint8Array<ArrayBuffer>;
    try {
      // Copied into a plain Uint8Array: the Response typings refuse a Buffer (it may view shared memory).
      body = new Uint8Array(await readFile(target.file));
    } catch {
      return plain(404, 'Not Found'); // missing file, or a directory
    }
    const headers = { ...securityHeaders, 'Content-Type': target.contentType };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });
}
