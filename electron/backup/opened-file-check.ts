/**
 * Checks a stored file's bytes against its recorded SHA-256 when the service opens it for the user (event columns,
 * particle ids, set members, images). A mismatch does not stop the user from seeing the data; it is remembered for
 * the library and told to listeners (the service turns it into a "file-check" event and the status bar shows it),
 * so a silently corrupted file is noticed before it is published.
 */
import os from 'node:os';
import path from 'node:path';
import type { FileProblem } from '../../shared/api/backup-contract.js';
import { cachedFixityRecord } from './fixity-record.js';
import { sha256Of } from './hash-file.js';
import { libraryPath } from './library-files.js';

export type OpenedFileListener = (libraryDir: string, problem: FileProblem) => void;

// Weak references: a service that is closed and dropped takes its listener with it (tests make many services).
const listeners = new Set<WeakRef<OpenedFileListener>>();
const problemsByLibrary = new Map<string, Map<string, FileProblem>>();
const problemLimit = 500;
const littleEndian = os.endianness() === 'LE';

/** Listens for mismatches in any library; keep a strong reference to the listener for as long as it should hear. */
export function onOpenedFileProblem(listener: OpenedFileListener): () => void {
  const ref = new WeakRef(listener);
  listeners.add(ref);
  return () => listeners.delete(ref);
}

/** Mismatches seen in this process for a library (cleared for a file when it matches again). */
export function openedFileProblems(libraryDir: string): FileProblem[] {
  return [...(problemsByLibrary.get(path.resolve(libraryDir))?.values() ?? [])];
}

function tell(libraryDir: string, problem: FileProblem): void {
  for (const ref of listeners) {
    const l = ref.deref();
    if (!l) {
      listeners.delete(ref);
      continue;
    }
    try {
      l(libraryDir, problem);
    } catch {
      // a failing listener must not break reading the file
    }
  }
}

/**
 * Checks bytes read from `filesDir/storedPath`. The expected sum is the one given (the database's, for images),
 * else the library's fixity record; a file without either is not checked yet. Returns false on a mismatch.
 */
export function checkOpenedFile(filesDir: string, storedPath: string, bytes: Uint8Array, recordedSha256?: string | null): boolean {
  try {
    const libraryDir = path.resolve(path.dirname(filesDir));
    const rel = libraryPath(storedPath);
    const expected = recordedSha256?.toLowerCase() ?? cachedFixityRecord(libraryDir).get(rel);
    if (!expected) return true;
    const actual = sha256Of(bytes);
    const known = problemsByLibrary.get(libraryDir);
    if (actual === expected) {
      known?.delete(rel);
      return true;
    }
    const problem: FileProblem = {
      path: rel,
      kind: 'differs',
      expected,
      actual,
      message: `${rel} does not match its recorded SHA-256: the file changed on disk since it was imported (restore it from a backup)`,
    };
    const list = known ?? new Map<string, FileProblem>();
    problemsByLibrary.set(libraryDir, list);
    const isNew = !list.has(rel);
    if (isNew && list.size < problemLimit) list.set(rel, problem);
    if (isNew) tell(libraryDir, problem);
    return false;
  } catch {
    return true; // checking is a safeguard: it never makes reading fail
  }
}

/** The same for values read from a little-endian Float32 or Uint32 file. */
export function checkOpenedValues(filesDir: string, storedPath: string, values: Float32Array | Uint32Array): boolean {
  let bytes: Uint8Array;
  if (littleEndian) {
    bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  } else {
    const view = new DataView(new ArrayBuffer(values.byteLength));
    const isFloat = values instanceof Float32Array;
    for (let i = 0; i < values.length; i++) {
      if (isFloat) view.setFloat32(i * 4, values[i]!, true);
      else view.setUint32(i * 4, values[i]!, true);
    }
    bytes = new Uint8Array(view.buffer);
  }
  return checkOpenedFile(filesDir, storedPath, bytes);
}
