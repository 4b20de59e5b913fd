/**
 * Traversal guard for everything that maps a URL path onto the file system (the app:// protocol, the
 * browser-mode static server, stored-file downloads): the result is inside root, or null.
 */
import path from 'node:path';

export function resolveInside(root: string, requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null; // malformed percent-encoding
  }
  // NUL bytes and backslashes never belong in a URL path; backslash is a separator on Windows.
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rootAbs = path.resolve(root);
  const relative = decoded.replace(/^\/+/, '');
  if (path.isAbsolute(relative) || /^[a-zA-Z]:/.test(relative)) return null;
  const target = path.resolve(rootAbs, relative);
  if (target !== rootAbs && !target.startsWith(rootAbs + path.sep)) return null;
  return target;
}
