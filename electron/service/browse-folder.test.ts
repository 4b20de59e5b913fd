import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { browseFolder } from './browse-folder.js';

const tempDir = useTempDirs();

describe('browseFolder', () => {
  it('lists folders first, then files with sizes, without hidden entries', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'Export_2026-05-14 08h00m00s'));
    fs.writeFileSync(path.join(dir, 'b_Info.txt'), 'abc');
    fs.writeFileSync(path.join(dir, '.DS_Store'), 'x');
    const l = browseFolder(dir);
    expect(l.path).toBe(dir);
    expect(l.parent).toBe(path.dirname(dir));
    expect(l.entries).toEqual([
      { name: 'Export_2026-05-14 08h00m00s', path: path.join(dir, 'Export_2026-05-14 08h00m00s'), kind: 'folder', sizeBytes: null },
      { name: 'b_Info.txt', path: path.join(dir, 'b_Info.txt'), kind: 'file', sizeBytes: 3 },
    ]);
    expect(l.roots.length).toBeGreaterThan(0);
  });
  it('names the folder it cannot list', () => {
    const dir = tempDir();
    expect(() => browseFolder(path.join(dir, 'nope'))).toThrow(/cannot list|not-found/);
    fs.writeFileSync(path.join(dir, 'f'), '');
    expect(() => browseFolder(path.join(dir, 'f'))).toThrow(/not a folder/);
  });
});
