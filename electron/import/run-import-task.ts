/** Runs one import task (in a worker or, for tests, in process): picks the parser for the unit's kind. */
import { CurationError } from '../../shared/api/errors.js';
import type { ImportTask } from './import-task.js';
import { parseCytoclusSample } from './parse-cytoclus-sample.js';
import { parseCyz2JsonFile } from './parse-cyz2json-file.js';
import { parseFcsFile } from './parse-fcs-file.js';
import type { ParseContext } from './parse-cytoclus-sample.js';
import type { ParsedSample } from './parsed-sample.js';

export async function runImportTask(task: ImportTask, ctx: Omit<ParseContext, 'stagingDir'>): Promise<ParsedSample[]> {
  const unit = task.unit;
  if (unit.kind === 'cytoclus') return [await parseCytoclusSample(unit, { ...ctx, stagingDir: task.stagingDir })];
  if (unit.kind === 'fcs') return parseFcsFile(unit.file.path, { ...ctx, stagingDir: task.stagingDir });
  if (unit.kind === 'cyz2json') return [await parseCyz2JsonFile(unit.file.path, { ...ctx, stagingDir: task.stagingDir })];
  throw new CurationError({ code: 'invalid-input', file: unit.file.path, message: `${unit.kind} files are not parsed in a worker` });
}
