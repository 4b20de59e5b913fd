// What `npm test` needs that npm cannot install. Each missing thing stops the run at once with one line
// naming it and how to get it (.ci/run installs them all).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) return fs.existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH
    }
  }
  return null;
}

/** Returns a list of one-line problems; empty when everything needed is there. */
export function preflightProblems(root, env = process.env) {
  const problems = [];
  if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
    problems.push('missing node_modules: run `ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci` first');
  }
  const fixtures = path.resolve(root, '..', 'shared', 'fixtures', 'real');
  if (!fs.existsSync(path.join(fixtures, 'PROVENANCE.md'))) {
    problems.push(`missing ${fixtures}: the real-file fixtures must sit beside the project as ../shared (CI provides it)`);
  }
  if (!findChromium(env)) {
    problems.push('missing Chromium for the end-to-end tests: `apt-get install chromium` (or set CHROMIUM_PATH)');
  }
  return problems;
}
