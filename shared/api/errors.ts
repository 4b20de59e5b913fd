/**
 * Errors are values with a code, a reason and, where known, the file, line or field they are about.
 * They cross every boundary (IPC, HTTP, CLI) unchanged, so the UI and the CLI can name what went wrong.
 */
export type CurationErrorCode =
  | 'invalid-request' // a request did not match its schema
  | 'unknown-operation'
  | 'not-found'
  | 'read-only' // the Demo library (or another read-only library) refuses changes
  | 'conflict' // the target changed since (e.g. an undo of something changed afterwards)
  | 'invalid-input' // a file or value was malformed
  | 'unauthorized'
  | 'forbidden'
  | 'too-large'
  | 'cancelled' // the user cancelled the job (cancelJob); it stopped where nothing was half-written
  | 'internal';

export interface CurationErrorData {
  code: CurationErrorCode;
  message: string;
  file?: string;
  line?: number;
  field?: string;
}

export class CurationError extends Error {
  readonly code: CurationErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;

  constructor(data: CurationErrorData) {
    super(data.message);
    this.name = 'CurationError';
    this.code = data.code;
    if (data.file !== undefined) this.file = data.file;
    if (data.line !== undefined) this.line = data.line;
    if (data.field !== undefined) this.field = data.field;
  }

  toJSON(): CurationErrorData {
    const out: CurationErrorData = { code: this.code, message: this.message };
    if (this.file !== undefined) out.file = this.file;
    if (this.line !== undefined) out.line = this.line;
    if (this.field !== undefined) out.field = this.field;
    return out;
  }
}

/** Turns anything thrown into error data safe to send to a client (no stack traces, no internals). */
export function toErrorData(err: unknown): CurationErrorData {
  if (err instanceof CurationError) return err.toJSON();
  if (isErrorData(err)) return err;
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

export function isErrorData(value: unknown): value is CurationErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** One line for a terminal or a status bar: "file:line: field: reason". */
export function formatError(e: CurationErrorData): string {
  const where = [e.file, e.line !== undefined ? String(e.line) : undefined].filter(Boolean).join(':');
  const field = e.field ? `${e.field}: ` : '';
  return `${where ? `${where}: ` : ''}${field}${e.message}`;
}
