// Loads the TypeScript import worker through tsx when running from sources (CLI, tests, browser mode).
// The packaged Electron app runs a bundled worker instead and does not use this file.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
