/**
 * The pass/fail rule of scripts/electronegativity.mjs, kept pure for unit tests: every HIGH or MEDIUM
 * finding fails, unless the allow-list below vouches for it (check id + file, nothing broader); a file the
 * tool could not parse fails too, because its findings would be silently missing.
 */
import path from 'node:path';

/**
 * False positives only, each with the reason a reviewer can check. Real findings are fixed in the shell.
 * @type {import('./electronegativity-verdict.d.mts').AllowEntry[]}
 */
export const allowList = [
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'N/A',
    reason:
      'The CSP exists but is not a string literal: electron/common/csp.ts (shared with browser mode) is sent on ' +
      'every app:// response by electron/shell/protocol.ts and on every other response by security.ts ' +
      '(hardenSession). The check only sees a CSP literal in onHeadersReceived or a <meta> tag. The same CSP ' +
      'evaluator is run on the real policy in scripts/electronegativity-verdict.test.ts, and ' +
      'e2e/electron-launch.e2e.test.ts reads the header from a live app:// response.',
  },
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'electron/shell/security.ts',
    reason:
      'A "review required" check raised by any preload at all. Reviewed: electron/shell/preload.ts exposes one ' +
      'ipcRenderer.invoke wrapper per contract operation and onEvent, which hands the page the event payload ' +
      'only (never ipcRenderer or the IPC event); ipc.ts checks the sender of every call.',
  },
];

const blocking = new Set(['HIGH', 'MEDIUM']);

/** Flattens one issue of the electronegativity API (severity objects, absolute paths) into plain data. */
export function toFinding(issue, root) {
  const file = issue.file && issue.file !== 'N/A' ? toPosix(path.relative(root, issue.file)) : 'N/A';
  return {
    id: String(issue.id),
    severity: String(issue.severity?.name ?? issue.severity ?? 'UNKNOWN').toUpperCase(),
    confidence: String(issue.confidence?.name ?? issue.confidence ?? 'UNKNOWN').toUpperCase(),
    file,
    line: issue.location?.line ?? 0,
    column: issue.location?.column ?? 0,
    description: String(issue.description ?? ''),
    manualReview: Boolean(issue.manualReview),
  };
}

/**
 * @param {{ issues: object[], errors: { file: string, message: string, tolerable?: boolean }[] }} result
 *   what the electronegativity API returned
 * @param {{ root: string, input: string, checks?: number, allow?: import('./electronegativity-verdict.d.mts').AllowEntry[] }} options
 */
export function judge(result, options) {
  const allow = options.allow ?? allowList;
  const findings = result.issues.map((i) => toFinding(i, options.root));
  const failures = [];
  const allowed = [];
  let minor = 0;
  for (const f of findings) {
    if (!blocking.has(f.severity)) minor++;
    else if (allow.some((a) => a.id === f.id && a.file === f.file)) allowed.push(f);
    else failures.push(f);
  }
  const parseErrors = result.errors
    .filter((e) => !e.tolerable)
    .map((e) => ({ file: toPosix(path.relative(options.root, e.file)), message: String(e.message) }));
  const unusedAllow = allow.filter((a) => !allowed.some((f) => f.id === a.id && f.file === a.file));

  const lines = [
    ...failures.map((f) => `${where(f)}  ${f.id}  [${f.severity}]  ${f.description}`),
    ...parseErrors.map((e) => `${e.file}  could not be parsed, so it was not checked: ${e.message}`),
  ];
  const warnings = unusedAllow.map((a) => `allow-list entry ${a.id} for ${a.file} matched nothing: remove it`);
  const ok = failures.length === 0 && parseErrors.length === 0;
  const checks = options.checks !== undefined ? `, ${options.checks} checks` : '';
  const summary =
    `electronegativity ${ok ? 'passed' : 'FAILED'} on ${toPosix(options.input)}: ` +
    `${failures.length} HIGH/MEDIUM finding(s), ${parseErrors.length} unparsed file(s), ` +
    `${allowed.length} allow-listed, ${minor} low/informational${checks}`;
  return { ok, exitCode: ok ? 0 : 1, failures, allowed, parseErrors, unusedAllow, lines, warnings, summary };
}

function where(f) {
  return f.file === 'N/A' ? '(whole app)' : `${f.file}:${f.line}:${f.column}`;
}

function toPosix(p) {
  return p.split(path.sep).join('/');
}
