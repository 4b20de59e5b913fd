/**
 * A problem found in a file, located as precisely as the format allows. Parsers return these (they never know
 * the file's path); the importer adds the file name and turns them into CurationErrorData for the UI and CLI.
 */
export interface FormatIssue {
  /** 1-based line number in the file (text formats). */
  line?: number;
  /** Byte offset (binary formats). */
  offset?: number;
  /** Column, keyword or element the problem is about. */
  field?: string;
  message: string;
}
