/** One unit of work for an import worker, and how it answers. Plain data: it crosses the worker boundary. */
import type { CurationErrorData } from '../../shared/api/errors.js';
import type { CytoclusUnit, SingleFileUnit } from './group-files.js';
import type { ParsedSample } from './parsed-sample.js';

export interface ImportTask {
  unit: CytoclusUnit | SingleFileUnit;
  stagingDir: string;
}

export type WorkerMessage =
  | { type: 'bytes'; bytes: number }
  | { type: 'done'; samples: ParsedSample[] }
  | { type: 'failed'; error: CurationErrorData };
