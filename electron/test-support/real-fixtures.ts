import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../common/app-paths.js';

/** Root of the real-file fixtures (../shared/fixtures/real). Tests read them in place; nothing is copied. */
export const realFixturesDir = path.resolve(projectRoot(), '..', 'shared', 'fixtures', 'real');

/**
 * Absolute path of a real fixture. A missing fixture fails the test (CI must not silently skip real files).
 */
export function realFixture(relativePath: string): string {
  const file = path.join(realFixturesDir, relativePath);
  if (!fs.existsSync(file)) throw new Error(`missing real fixture ${file}: ../shared/fixtures/real must be present`);
  return file;
}

export function readRealFixture(relativePath: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(realFixture(relativePath)));
}
