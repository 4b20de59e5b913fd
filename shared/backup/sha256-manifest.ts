/**
 * SHA-256 manifests in the format of GNU `sha256sum` (`<hex>  <path>`, one file a line), so a data manager can
 * check a backup or a library with `sha256sum -c` and no CytoCurator. Paths are relative, with forward slashes.
 * A name holding a backslash, a line feed or a carriage return is escaped as sha256sum does: the line starts
 * with "\" and the name has "\\", "\n", "\r". Reading also accepts binary-mode lines (`<hex> *<path>`), the BSD
 * tag form (`SHA256 (path) = hex`), CRLF line ends and "#" comments, as `sha256sum -c` does.
 */
import { CurationError } from '../api/errors.js';
import type { FormatIssue } from '../formats/format-issue.js';

export interface ManifestEntry {
  /** Relative path with "/" separators (never absolute, never with "." or ".." parts). */
  path: string;
  /** 64 lower-case hex digits. */
  sha256: string;
}

export interface ParsedManifest {
  entries: ManifestEntry[];
  issues: FormatIssue[];
}

const hexPattern = /^[0-9a-fA-F]{64}$/;

/** Why a relative path cannot be used inside a backup or library folder, or null when it can. */
export function unsafePathReason(path: string): string | null {
  if (path === '') return 'empty path';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.startsWith('\\')) return 'absolute path';
  if (path.includes('\0')) return 'NUL in path';
  for (const part of path.split('/')) {
    if (part === '' || part === '.' || part === '..') return `path part "${part}" is not allowed`;
  }
  return null;
}

function escapeName(path: string): { escaped: boolean; name: string } {
  if (!/[\\\n\r]/.test(path)) return { escaped: false, name: path };
  return { escaped: true, name: path.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r') };
}

function unescapeName(name: string): string | null {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = name[++i];
    if (next === '\\') out += '\\';
    else if (next === 'n') out += '\n';
    else if (next === 'r') out += '\r';
    else return null;
  }
  return out;
}

/** One manifest line, with its line feed. */
export function manifestLine(entry: ManifestEntry): string {
  if (!hexPattern.test(entry.sha256)) throw new CurationError({ code: 'invalid-input', field: 'sha256', message: `not a SHA-256 sum: "${entry.sha256}"` });
  const reason = unsafePathReason(entry.path);
  if (reason) throw new CurationError({ code: 'invalid-input', field: 'path', message: `${reason}: "${entry.path}"` });
  const { escaped, name } = escapeName(entry.path);
  return `${escaped ? '\\' : ''}${entry.sha256.toLowerCase()}  ${name}\n`;
}

/** Entries in a stable order (by path, code unit order), so two manifests of the same files are byte-identical. */
export function sortEntries(entries: readonly ManifestEntry[]): ManifestEntry[] {
  return [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A whole manifest as text. For large manifests write manifestLine() of each sorted entry to a stream instead. */
export function formatManifest(entries: readonly ManifestEntry[]): string {
  return sortEntries(entries).map(manifestLine).join('');
}

/** Reads one line (without its line end); returns an entry, or an issue, or null for blank and comment lines. */
export function parseManifestLine(raw: string, line: number): ManifestEntry | FormatIssue | null {
  const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (text.trim() === '' || text.startsWith('#')) return null;
  let escaped = false;
  let body = text;
  if (body.startsWith('\\')) {
    escaped = true;
    body = body.slice(1);
  }
  let hex: string;
  let name: string;
  const tag = /^SHA256 ?\((.*)\) ?= ?([0-9a-fA-F]+)$/.exec(body);
  if (tag) {
    name = tag[1] ?? '';
    hex = tag[2] ?? '';
  } else {
    const m = /^([0-9a-fA-F]+) ([ *])(.*)$/.exec(body);
    if (!m) return { line, message: 'not a sha256sum line ("<64 hex digits>  <path>")' };
    hex = m[1] ?? '';
    name = m[3] ?? '';
  }
  if (!hexPattern.test(hex)) return { line, field: 'sha256', message: `expected 64 hex digits, got ${hex.length}` };
  const path = escaped ? unescapeName(name) : name;
  if (path === null) return { line, field: 'path', message: 'bad escape in an escaped file name (only \\\\, \\n and \\r are allowed)' };
  const reason = unsafePathReason(path);
  if (reason) return { line, field: 'path', message: `${reason}: "${path}"` };
  return { path, sha256: hex.toLowerCase() };
}

export interface ManifestReader {
  push(chunk: Uint8Array): void;
  finish(): ParsedManifest;
}

/**
 * Streaming reader: bytes in any chunking, UTF-8 names. Bad lines become issues naming their line and the rest
 * is read; a path listed twice keeps its first sum. Throws only when the input has lines and none is a sum line
 * (not a manifest at all).
 */
export function createManifestReader(): ManifestReader {
  const entries: ManifestEntry[] = [];
  const issues: FormatIssue[] = [];
  const seen = new Set<string>();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  let lineNo = 0;
  let contentLines = 0;

  function takeLine(bytes: Uint8Array): void {
    lineNo++;
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      contentLines++;
      issues.push({ line: lineNo, message: 'not UTF-8 text' });
      return;
    }
    if (lineNo === 1 && text.startsWith('\uFEFF')) text = text.slice(1);
    const parsed = parseManifestLine(text, lineNo);
    if (parsed === null) return;
    contentLines++;
    if ('message' in parsed) {
      issues.push(parsed);
      return;
    }
    if (seen.has(parsed.path)) {
      issues.push({ line: lineNo, field: 'path', message: `"${parsed.path}" is listed more than once; the first sum is kept` });
      return;
    }
    seen.add(parsed.path);
    entries.push(parsed);
  }

  function joined(tail: Uint8Array): Uint8Array {
    if (pendingLength === 0) return tail;
    const out = new Uint8Array(pendingLength + tail.length);
    let at = 0;
    for (const p of pending) {
      out.set(p, at);
      at += p.length;
    }
    out.set(tail, at);
    pending = [];
    pendingLength = 0;
    return out;
  }

  return {
    push(chunk) {
      let start = 0;
      for (let i = 0; i < chunk.length; i++) {
        if (chunk[i] !== 0x0a) continue;
        takeLine(joined(chunk.subarray(start, i)));
        start = i + 1;
      }
      if (start < chunk.length) {
        const rest = chunk.slice(start);
        pending.push(rest);
        pendingLength += rest.length;
      }
    },
    finish() {
      if (pendingLength > 0) takeLine(joined(new Uint8Array(0)));
      if (contentLines > 0 && entries.length === 0) {
        const first = issues[0];
        throw new CurationError({
          code: 'invalid-input',
          ...(first?.line !== undefined ? { line: first.line } : {}),
          message: `not a SHA-256 manifest: no line of the form "<64 hex digits>  <path>"${first ? ` (line ${first.line}: ${first.message})` : ''}`,
        });
      }
      return { entries, issues };
    },
  };
}

/** The whole manifest at once (small manifests, tests). */
export function parseManifest(bytes: Uint8Array): ParsedManifest {
  const reader = createManifestReader();
  reader.push(bytes);
  return reader.finish();
}
