import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../electron/common/csp.js';
import { allowList, judge, toFinding } from './electronegativity-verdict.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shell = path.join(root, 'electron', 'shell');

/** An issue shaped like the electronegativity API returns it (severity/confidence are objects). */
function issue(id: string, severity: string, file: string, line = 3) {
  return {
    id,
    file: file === 'N/A' ? 'N/A' : path.join(root, file),
    location: { line, column: 4 },
    description: `${id} description`,
    severity: { value: 0, name: severity },
    confidence: { value: 0, name: 'FIRM' },
    manualReview: false,
  };
}

const options = { root, input: 'electron/shell', checks: 41 };

describe('toFinding', () => {
  it('flattens severity objects and makes paths project-relative', () => {
    expect(toFinding(issue('SANDBOX_JS_CHECK', 'MEDIUM', 'electron/shell/main.ts', 9), root)).toEqual({
      id: 'SANDBOX_JS_CHECK',
      severity: 'MEDIUM',
      confidence: 'FIRM',
      file: 'electron/shell/main.ts',
      line: 9,
      column: 4,
      description: 'SANDBOX_JS_CHECK description',
      manualReview: false,
    });
    expect(toFinding(issue('CSP_GLOBAL_CHECK', 'MEDIUM', 'N/A'), root).file).toBe('N/A');
  });
});

describe('judge', () => {
  it('passes a clean run with a one-line summary', () => {
    const v = judge({ issues: [], errors: [] }, { ...options, allow: [] });
    expect(v.ok).toBe(true);
    expect(v.exitCode).toBe(0);
    expect(v.lines).toEqual([]);
    expect(v.summary).toMatch(/^electronegativity passed on electron\/shell: 0 HIGH\/MEDIUM/);
    expect(v.summary).not.toContain('\n');
  });

  it('fails on every HIGH and MEDIUM finding, naming file:line, check id and description', () => {
    const v = judge(
      {
        issues: [
          issue('CONTEXT_ISOLATION_JS_CHECK', 'HIGH', 'electron/shell/main.ts', 12),
          issue('AUXCLICK_JS_CHECK', 'MEDIUM', 'electron/shell/security.ts', 30),
          issue('LIMIT_NAVIGATION_GLOBAL_CHECK', 'HIGH', 'N/A'),
        ],
        errors: [],
      },
      { ...options, allow: [] },
    );
    expect(v.exitCode).toBe(1);
    expect(v.lines).toEqual([
      'electron/shell/main.ts:12:4  CONTEXT_ISOLATION_JS_CHECK  [HIGH]  CONTEXT_ISOLATION_JS_CHECK description',
      'electron/shell/security.ts:30:4  AUXCLICK_JS_CHECK  [MEDIUM]  AUXCLICK_JS_CHECK description',
      '(whole app)  LIMIT_NAVIGATION_GLOBAL_CHECK  [HIGH]  LIMIT_NAVIGATION_GLOBAL_CHECK description',
    ]);
    expect(v.summary).toMatch(/FAILED.*3 HIGH\/MEDIUM/);
  });

  it('does not fail on LOW and INFORMATIONAL findings, but counts them', () => {
    const v = judge(
      {
        issues: [
          issue('CSP_GLOBAL_CHECK', 'LOW', 'N/A'),
          issue('OPEN_DEVTOOLS_JS_CHECK', 'INFORMATIONAL', 'electron/shell/main.ts'),
        ],
        errors: [],
      },
      { ...options, allow: [] },
    );
    expect(v.ok).toBe(true);
    expect(v.summary).toContain('2 low/informational');
  });

  it('allow-lists by check id and file only', () => {
    const allow = [{ id: 'PRELOAD_JS_CHECK', file: 'electron/shell/security.ts', reason: 'reviewed' }];
    const ok = judge({ issues: [issue('PRELOAD_JS_CHECK', 'MEDIUM', 'electron/shell/security.ts')], errors: [] }, {
      ...options,
      allow,
    });
    expect(ok.ok).toBe(true);
    expect(ok.allowed).toHaveLength(1);
    // Same check in another file, or another check in the same file: still fails.
    const other = judge(
      {
        issues: [
          issue('PRELOAD_JS_CHECK', 'MEDIUM', 'electron/shell/main.ts'),
          issue('SANDBOX_JS_CHECK', 'MEDIUM', 'electron/shell/security.ts'),
        ],
        errors: [],
      },
      { ...options, allow },
    );
    expect(other.failures.map((f) => `${f.id} ${f.file}`)).toEqual([
      'PRELOAD_JS_CHECK electron/shell/main.ts',
      'SANDBOX_JS_CHECK electron/shell/security.ts',
    ]);
  });

  it('fails when a file could not be parsed (its findings would be missing), not on tolerable warnings', () => {
    const v = judge(
      {
        issues: [],
        errors: [
          { file: path.join(shell, 'main.ts'), message: 'Unexpected token (1:19)', tolerable: false },
          { file: path.join(shell, 'ipc.ts'), message: 'recovered', tolerable: true },
        ],
      },
      { ...options, allow: [] },
    );
    expect(v.exitCode).toBe(1);
    expect(v.lines).toEqual(['electron/shell/main.ts  could not be parsed, so it was not checked: Unexpected token (1:19)']);
  });

  it('warns about allow-list entries that no longer match anything', () => {
    const v = judge({ issues: [], errors: [] }, { ...options, allow: [{ id: 'X', file: 'y.ts', reason: 'r' }] });
    expect(v.ok).toBe(true);
    expect(v.warnings).toEqual(['allow-list entry X for y.ts matched nothing: remove it']);
  });
});

describe('allowList', () => {
  it('is narrow: one check id and one file per entry, each with a reason', () => {
    for (const entry of allowList) {
      expect(entry.id).toMatch(/^[A-Z_]+_CHECK$/);
      expect(entry.file === 'N/A' || entry.file.startsWith('electron/shell/')).toBe(true);
      expect(entry.reason.length).toBeGreaterThan(80);
    }
  });

  it('CSP_GLOBAL_CHECK is waived because the real CSP passes the evaluator that check would have used', () => {
    const requireFromTool = createRequire(createRequire(path.join(root, 'package.json')).resolve('@doyensec/electronegativity'));
    const csp = requireFromTool('@doyensec/csp-evaluator') as {
      CspParser: new (policy: string) => { csp: unknown };
      CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): { severity: number; directive: string; description: string }[] };
      Version: { CSP3: unknown };
      severities: Record<string, number>;
    };
    const findings = new csp.CspEvaluator(new csp.CspParser(contentSecurityPolicy).csp, csp.Version.CSP3).evaluate();
    const serious = findings.filter((f) => f.severity === csp.severities.HIGH || f.severity === csp.severities.MEDIUM);
    expect(serious.map((f) => `${f.directive}: ${f.description}`)).toEqual([]);
    // The evaluator does catch a weak policy, so the assertion above means something.
    const weak = new csp.CspEvaluator(new csp.CspParser("script-src 'unsafe-inline'").csp, csp.Version.CSP3).evaluate();
    expect(weak.some((f) => f.severity === csp.severities.HIGH)).toBe(true);
  });
});
