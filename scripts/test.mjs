// `npm test`: every test, in order of cost — preflight, typecheck, lint, electronegativity, unit, end-to-end.
// Stops at the first failing stage and ends with one plain line "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, preflightProblems } from './preflight.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const problems = preflightProblems(root);
if (problems.length) {
  for (const p of problems) console.error(`npm test: ${p}`);
  process.exit(1);
}
process.env.CHROMIUM_PATH ??= findChromium();

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'cytocurator-test-report-'));
const totals = { passed: 0, failed: 0, skipped: 0 };

function vitest(config, name) {
  const out = path.join(reports, `${name}.json`);
  return {
    name,
    cmd: bin('vitest'),
    args: ['run', '-c', config, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    report: out,
  };
}

const stages = [
  { name: 'typecheck', cmd: bin('tsc'), args: ['-p', 'tsconfig.json'] },
  { name: 'typecheck-shared', cmd: bin('tsc'), args: ['-p', 'shared/tsconfig.json'] },
  { name: 'typecheck-renderer', cmd: bin('tsc'), args: ['-p', 'renderer/tsconfig.json'] },
  { name: 'lint', cmd: bin('eslint'), args: ['--max-warnings=0', '.'] },
  { name: 'electronegativity', cmd: process.execPath, args: ['scripts/electronegativity.mjs'] },
  vitest('vitest.config.ts', 'unit'),
  { name: 'build-renderer', cmd: bin('vite'), args: ['build', '--logLevel', 'warn'] },
  vitest('vitest.e2e.config.ts', 'e2e'),
].filter((s) => only.length === 0 || only.includes(s.name));

let failedStage = null;
for (const stage of stages) {
  console.log(`\n▶ ${stage.name}`);
  const started = Date.now();
  const r = spawnSync(stage.cmd, stage.args, { cwd: root, stdio: 'inherit', env: process.env });
  if (stage.report && fs.existsSync(stage.report)) {
    const j = JSON.parse(fs.readFileSync(stage.report, 'utf8'));
    totals.passed += j.numPassedTests ?? 0;
    totals.failed += j.numFailedTests ?? 0;
    totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  }
  console.log(`◀ ${stage.name}: ${r.status === 0 ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) {
    failedStage = stage.name;
    if (!stage.report) totals.failed += 1; // a failed typecheck/lint stage counts as one failure
    break;
  }
}

fs.rmSync(reports, { recursive: true, force: true });
if (failedStage) console.log(`\nnpm test: stage "${failedStage}" failed`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStage ? 1 : 0);
