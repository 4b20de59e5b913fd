import type { FormatIssue } from '../../format-issue.js';

/**
 * Collects issues up to a limit: a broken 60 MB pulse file must not produce a million issues. Past the limit,
 * issues are counted and one closing issue says how many were left out.
 */
export class IssueLog {
  private readonly list: FormatIssue[] = [];
  private omitted = 0;

  constructor(private readonly limit = 200) {}

  add(issue: FormatIssue): void {
    if (this.list.length < this.limit) this.list.push(issue);
    else this.omitted++;
  }

  toArray(): FormatIssue[] {
    if (this.omitted === 0) return [...this.list];
    return [...this.list, { message: `${this.omitted} further issues not listed (limit ${this.limit})` }];
  }
}
