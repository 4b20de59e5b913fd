/**
 * The boundary every adapter goes through: the operation name is checked, the request validated against its
 * schema, then the service method is called. IPC, HTTP and the CLI share this, so validation cannot be forgotten.
 */
import { isOperationName, operations } from './contract.js';
import type { CurationApi, OperationName, ParsedRequestOf } from './contract.js';
import { CurationError } from './errors.js';

export function validateRequest<K extends OperationName>(name: K, raw: unknown): ParsedRequestOf<K> {
  const result = operations[name].request.safeParse(raw ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
    throw new CurationError({
      code: 'invalid-request',
      message: `${name}: ${issue?.message ?? 'invalid request'}`,
      ...(field !== undefined ? { field } : {}),
    });
  }
  return result.data as ParsedRequestOf<K>;
}

export async function dispatch(api: CurationApi, name: unknown, raw: unknown): Promise<unknown> {
  if (!isOperationName(name)) {
    throw new CurationError({ code: 'unknown-operation', message: `unknown operation: ${String(name)}` });
  }
  const op: OperationName = name;
  const request = validateRequest(op, raw);
  const method = api[op] as (req: unknown) => Promise<unknown>;
  return method.call(api, request);
}
