import crypto from 'node:crypto';

/**
 * ERDDAP datasetIDs are letters, digits and underscores, starting with a letter. A dataset id that already is one
 * is kept as it is (the admin recognises it); any other gets its characters replaced and a short hash of the
 * original appended, so two ids never collide. The result also names the CSV, its folder and the flag file, so
 * it is the only thing from a dataset that reaches a path.
 */
const VALID = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

export function erddapDatasetId(datasetId: string): string {
  if (VALID.test(datasetId)) return datasetId;
  const cleaned = datasetId
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  const hash = crypto.createHash('sha256').update(datasetId, 'utf8').digest('hex').slice(0, 8);
  return `${/^[A-Za-z]/.test(cleaned) ? '' : 'cc_'}${cleaned || 'dataset'}_${hash}`;
}

export function isErddapDatasetId(id: string): boolean {
  return VALID.test(id);
}
