/** Import worker entry: parses one unit off the main thread and reports byte progress and the result. */
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorData } from '../../shared/api/errors.js';
import type { ImportTask, WorkerMessage } from './import-task.js';
import { runImportTask } from './run-import-task.js';

const port = parentPort;
if (!port) throw new Error('import-worker must run in a worker thread');
const task = (workerData as { task: ImportTask }).task;
const post = (m: WorkerMessage) => port.postMessage(m);
let pending = 0;
runImportTask(task, {
  onBytes: (n) => {
    // Batched: a message per megabyte or so, not per chunk of a small file.
    pending += n;
    if (pending >= 1 << 20) {
      post({ type: 'bytes', bytes: pending });
      pending = 0;
    }
  },
}).then(
  (samples) => {
    if (pending) post({ type: 'bytes', bytes: pending });
    post({ type: 'done', samples });
  },
  (err: unknown) => post({ type: 'failed', error: toErrorData(err) }),
);
