import fsp from 'node:fs/promises';
import path from 'node:path';
import type { ErddapConfig } from './erddap-config.js';
import { isErddapDatasetId } from './erddap-id.js';

/**
 * Asks ERDDAP to reload one dataset, the two ways ERDDAP documents: a file named after the datasetID in its
 * `flag/` folder, and/or its setDatasetFlag URL. Problems are returned for the log, never thrown: the files are
 * written, and ERDDAP's own reloadEveryNMinutes picks them up at the latest.
 */
export async function signalErddap(config: ErddapConfig, erddapId: string): Promise<string[]> {
  if (!isErddapDatasetId(erddapId)) return [`"${erddapId}" is not an ERDDAP datasetID`];
  const problems: string[] = [];
  if (config.flagDir) {
    try {
      await fsp.writeFile(path.join(config.flagDir, erddapId), `${new Date().toISOString()} cytocurator\n`);
    } catch (err) {
      problems.push(`could not write the flag file for ${erddapId} in ${config.flagDir}: ${(err as Error).message}`);
    }
  }
  if (config.flagUrl) {
    const key = config.flagKeys[erddapId];
    if (config.flagUrl.includes('{flagKey}') && !key) {
      problems.push(`no flagKey for ${erddapId} in CYTOCURATOR_ERDDAP_FLAG_KEYS: setDatasetFlag not called`);
    } else {
      const url = config.flagUrl.replaceAll('{datasetID}', encodeURIComponent(erddapId)).replaceAll('{flagKey}', encodeURIComponent(key ?? ''));
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
        if (!res.ok) problems.push(`setDatasetFlag for ${erddapId} answered HTTP ${res.status}`);
      } catch (err) {
        problems.push(`setDatasetFlag for ${erddapId} failed: ${(err as Error).message}`);
      }
    }
  }
  return problems;
}
