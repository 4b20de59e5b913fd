/** A refusal with its HTTP status, the field concerned when there is one, and a plain-words reason. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    /** Extra JSON fields of the response (e.g. a FileStatus with 409). */
    readonly extra?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: string;
  field?: string;
  issues?: { field: string; message: string }[];
}
