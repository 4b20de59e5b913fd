// Types of electronegativity-verdict.mjs for its TypeScript test (the project does not type-check .mjs).
export interface AllowEntry {
  id: string;
  /** Path relative to the project root, '/'-separated; 'N/A' for global checks. */
  file: string;
  reason: string;
}

export interface Finding {
  id: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
  column: number;
  description: string;
  manualReview: boolean;
}

export interface ElectronegativityResult {
  issues: object[];
  errors: { file: string; message: string; tolerable?: boolean }[];
}

export interface Verdict {
  ok: boolean;
  exitCode: 0 | 1;
  failures: Finding[];
  allowed: Finding[];
  parseErrors: { file: string; message: string }[];
  unusedAllow: AllowEntry[];
  lines: string[];
  warnings: string[];
  summary: string;
}

export const allowList: AllowEntry[];
export function toFinding(issue: object, root: string): Finding;
export function judge(
  result: ElectronegativityResult,
  options: { root: string; input: string; checks?: number; allow?: AllowEntry[] },
): Verdict;
