/**
 * Path arithmetic on paths the service gave us. The renderer has no Node `path` module and the service may
 * run on Windows, so both separators are understood; paths are compared as given (the service resolved them).
 */

/** The last part of a path ("C:\\data\\a.fcs" → "a.fcs", "/" → "/"). */
export function baseName(p: string): string {
  const trimmed = p.replace(/[\\/]+$/, '');
  if (!trimmed) return p;
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return cut < 0 ? trimmed : trimmed.slice(cut + 1) || trimmed;
}

/** True when `p` lies strictly inside the folder `folder`. */
export function isInside(folder: string, p: string): boolean {
  if (p.length <= folder.length || !p.startsWith(folder)) return false;
  if (/[\\/]$/.test(folder)) return true; // a root like "/" or "C:\\"
  const next = p[folder.length];
  return next === '/' || next === '\\';
}
