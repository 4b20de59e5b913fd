/**
 * Saving a publication dataset (its metadata and samples) as a named action: a library-wide target whose
 * revision is the dataset's version, so edits are audited, undoable, synced, and refused on a stale base.
 */
import { CurationError } from '../api/errors.js';
import type { DatasetMetadata } from '../publication/dataset-metadata.js';
import type { ActionContext, ChangeEvent, DatasetTargetValue, StateLookup, Target } from './change-event.js';
import { sameValue, targetKey } from './change-event.js';

export interface DatasetValue {
  metadata: DatasetMetadata;
  sampleIds: string[];
}

export function datasetTarget(datasetId: string): Target {
  return { sampleId: null, kind: 'dataset', datasetId };
}

/** `baseVersion` null creates the dataset (refused when the id exists); otherwise it must be the current version. */
export function planSaveDataset(lookup: StateLookup, datasetId: string, value: DatasetValue, baseVersion: number | null, ctx: ActionContext): ChangeEvent[] {
  const target = datasetTarget(datasetId);
  const before = lookup(targetKey(target));
  if (baseVersion === null && before.revision > 0) throw new CurationError({ code: 'conflict', field: 'id', message: `dataset ${datasetId} already exists` });
  if (baseVersion !== null && baseVersion !== before.revision) {
    throw new CurationError({
      code: 'conflict',
      field: 'baseVersion',
      message: `dataset ${datasetId} is at version ${before.revision}; this edit was made on version ${baseVersion} (reload it and apply the change again)`,
    });
  }
  const after: DatasetValue = { metadata: value.metadata, sampleIds: [...new Set(value.sampleIds)].sort() };
  if (sameValue(before.value, after)) return [];
  return [
    {
      id: ctx.newId(),
      changeset: ctx.changeset,
      actor: ctx.actor,
      device: ctx.device,
      action: 'save-dataset',
      target,
      baseRevision: before.revision,
      before: before.value,
      after: after as unknown as DatasetTargetValue,
      reason: null,
      at: ctx.at,
      undoes: null,
    },
  ];
}
