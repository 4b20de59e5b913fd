import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../common/app-paths.js';

export function packageVersion(root = projectRoot()): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
