/**
 * Expands what the user chose (files and folders, recursively) into the list of files to consider. Hidden files,
 * macOS resource forks and __MACOSX folders are never data. Paths that do not exist are reported, not fatal.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CurationErrorData } from '../../shared/api/errors.js';

export interface ScannedFile {
  path: string;
  sizeBytes: number;
}

function ignored(name: string): boolean {
  return name.startsWith('.') || name === '__MACOSX' || name === 'Thumbs.db' || name === 'desktop.ini';
}

export async function scanPaths(inputs: readonly string[]): Promise<{ files: ScannedFile[]; errors: CurationErrorData[] }> {
  const files: ScannedFile[] = [];
  const errors: CurationErrorData[] = [];
  const seen = new Set<string>();

  async function visit(p: string, depth: number): Promise<void> {
    let stat;
    try {
      stat = await fs.stat(p);
    } catch (err) {
      errors.push({ code: 'not-found', file: p, message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
      return;
    }
    if (stat.isDirectory()) {
      if (depth > 32) {
        errors.push({ code: 'invalid-input', file: p, message: 'folders nested deeper than 32 levels are not scanned' });
        return;
      }
      const entries = await fs.readdir(p);
      entries.sort();
      for (const name of entries) if (!ignored(name)) await visit(path.join(p, name), depth + 1);
    } else if (stat.isFile()) {
      const abs = path.resolve(p);
      if (!seen.has(abs)) {
        seen.add(abs);
        files.push({ path: abs, sizeBytes: stat.size });
      }
    }
  }

  for (const input of inputs) await visit(path.resolve(input), 0);
  return { files, errors };
}
