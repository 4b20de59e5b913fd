import { CurationError } from '../../shared/api/errors.js';

/**
 * Stops a long job (backup, check, restore) where the user cancelled it (cancelJob): called between files, at the
 * points where stopping leaves nothing half-written. `outcome` tells the user what is left, in plain words.
 */
export function stopIfCancelled(signal: AbortSignal | undefined, outcome: string): void {
  if (signal?.aborted) throw new CurationError({ code: 'cancelled', message: `cancelled: ${outcome}` });
}
