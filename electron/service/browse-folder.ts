/** Lists a folder for the import dialog: names, kinds and sizes only, never file contents. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FolderListing } from '../../shared/api/contract.js';
import { CurationError } from '../../shared/api/errors.js';

const MAX_ENTRIES = 5000;

function roots(): FolderListing['roots'] {
  const out: FolderListing['roots'] = [{ label: 'Home', path: os.homedir() }];
  if (process.platform === 'win32') {
    for (const letter of 'CDEFGHIJKLMNOPQRSTUVWXYZ') {
      const drive = `${letter}:\\`;
      if (fs.existsSync(drive)) out.push({ label: drive, path: drive });
    }
  } else {
    // Removable drives (a USB stick with the instrument's exports) are mounted here.
    for (const base of ['/media', '/mnt', '/Volumes', `/media/${os.userInfo().username}`, `/run/media/${os.userInfo().username}`]) {
      try {
        for (const name of fs.readdirSync(base)) {
          const p = path.join(base, name);
          if (fs.statSync(p).isDirectory() && !out.some((r) => r.path === p)) out.push({ label: name, path: p });
        }
      } catch {
        // not there on this system
      }
    }
    out.push({ label: '/', path: '/' });
  }
  return out;
}

export function browseFolder(requested: string | null): FolderListing {
  const dir = path.resolve(requested ?? os.homedir());
  let names: fs.Dirent[];
  try {
    names = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CurationError({ code: code === 'ENOENT' ? 'not-found' : 'invalid-input', file: dir, message: code === 'ENOTDIR' ? 'not a folder' : `cannot list this folder (${code ?? 'error'})` });
  }
  const entries: FolderListing['entries'] = [];
  for (const d of names) {
    if (d.name.startsWith('.') || d.name === '__MACOSX') continue;
    const p = path.join(dir, d.name);
    let kind: 'folder' | 'file' | null = d.isDirectory() ? 'folder' : d.isFile() ? 'file' : null;
    let sizeBytes: number | null = null;
    try {
      const st = fs.statSync(p); // follows symbolic links
      kind = st.isDirectory() ? 'folder' : st.isFile() ? 'file' : null;
      sizeBytes = st.isFile() ? st.size : null;
    } catch {
      // a dangling link or no permission: still listed by name when its kind is known
    }
    if (kind) entries.push({ name: d.name, path: p, kind, sizeBytes });
    if (entries.length >= MAX_ENTRIES) break;
  }
  entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1));
  const parent = path.dirname(dir);
  return { path: dir, parent: parent === dir ? null : parent, entries, roots: roots() };
}
