/**
 * Runs import tasks in worker threads so parsing never blocks the service (the UI stays responsive during an
 * import). A cancelled task's worker is terminated. From sources the worker is TypeScript loaded through tsx;
 * a bundled build passes its compiled worker file instead.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CurationError } from '../../shared/api/errors.js';
import type { ImportTask, WorkerMessage } from './import-task.js';
import type { ParsedSample } from './parsed-sample.js';

export interface WorkerEntry {
  /** A compiled worker (.cjs/.mjs) run directly; when absent, the TypeScript worker through tsx. */
  compiledFile?: string;
}

export function runTaskInWorker(
  task: ImportTask,
  entry: WorkerEntry,
  hooks: { onBytes?: (n: number) => void; signal?: AbortSignal } = {},
): Promise<ParsedSample[]> {
  return new Promise((resolve, reject) => {
    const worker = entry.compiledFile
      ? new Worker(entry.compiledFile, { workerData: { task } })
      : new Worker(fileURLToPath(new URL('./worker-bootstrap.mjs', import.meta.url)), {
          workerData: { task, entry: new URL('./import-worker.ts', import.meta.url).href },
        });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      hooks.signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = () => finish(() => reject(new CurationError({ code: 'internal', message: 'import cancelled' })));
    hooks.signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'bytes') hooks.onBytes?.(m.bytes);
      else if (m.type === 'done') finish(() => resolve(m.samples));
      else finish(() => reject(new CurationError(m.error)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`import worker stopped (exit ${code})`))));
  });
}
