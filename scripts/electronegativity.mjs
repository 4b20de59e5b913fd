#!/usr/bin/env node
/**
 * Electron security lint of the shell: runs Electronegativity over electron/shell (it parses TypeScript,
 * checked by trying) and exits 1 on any HIGH or MEDIUM finding not vouched for in the allow-list of
 * electronegativity-verdict.mjs. The tool itself always exits 0, hence this wrapper.
 *
 * It calls the package's documented programmatic API rather than the CLI: the CLI's JSON output (SARIF)
 * carries no severity, and whenever an output file is requested the CLI drops parse errors silently,
 * which would turn an unparsable file into a clean report.
 *
 * Usage: node scripts/electronegativity.mjs [dir]   (default: electron/shell)
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { judge } from './electronegativity-verdict.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireFromRoot = createRequire(path.join(root, 'package.json'));

// Checks left out, with the reason: AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK downloads Electron's release list
// from GitHub, which is unreachable here and would make the verdict depend on the day's releases.
const excluded = ['AvailableSecurityFixesGlobalCheck'];

/** The Electron version the app ships, so checks use its defaults instead of assuming Electron 0.1. */
function electronVersion() {
  try {
    return JSON.parse(fs.readFileSync(requireFromRoot.resolve('electron/package.json'), 'utf8')).version;
  } catch {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const spec = pkg.optionalDependencies?.electron ?? pkg.devDependencies?.electron ?? pkg.dependencies?.electron;
    return typeof spec === 'string' ? spec.replace(/^[^\d]*/, '') || undefined : undefined;
  }
}

async function main() {
  const input = path.resolve(root, process.argv[2] ?? path.join('electron', 'shell'));
  if (!fs.existsSync(input)) throw new Error(`nothing to check: ${input} does not exist`);
  const run = requireFromRoot('@doyensec/electronegativity');
  const version = electronVersion();
  const result = await run({
    input,
    excludeFromScan: excluded,
    ...(version ? { electronVersionOverride: version } : {}),
  });
  const verdict = judge(result, {
    root,
    input: path.relative(root, input) || '.',
    checks: result.globalChecks + result.atomicChecks,
  });
  for (const line of verdict.lines) console.error(line);
  for (const warning of verdict.warnings) console.warn(`warning: ${warning}`);
  console.log(verdict.summary);
  process.exitCode = verdict.exitCode;
}

main().catch((err) => {
  console.error(`electronegativity: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
