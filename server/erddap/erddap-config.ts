import path from 'node:path';

/**
 * Where the publication hook writes and how it tells ERDDAP. Unset `CYTOCURATOR_ERDDAP_DIR`: no publication.
 *
 * - `CYTOCURATOR_ERDDAP_DIR`: folder the server writes (`data/<datasetID>/<datasetID>.csv`, `datasets-xml/<datasetID>.xml`).
 * - `CYTOCURATOR_ERDDAP_FILE_DIR`: the same folder as ERDDAP sees it (another mount, a container), for `fileDir`.
 * - `CYTOCURATOR_ERDDAP_FLAG_DIR`: ERDDAP's `bigParentDirectory/flag/`; a file named after the datasetID is written there.
 * - `CYTOCURATOR_ERDDAP_FLAG_URL`: setDatasetFlag URL with `{datasetID}` (and `{flagKey}`), e.g.
 *   `https://erddap.example.org/erddap/setDatasetFlag.txt?datasetID={datasetID}&flagKey={flagKey}`; or just ERDDAP's
 *   base URL (`https://erddap.example.org/erddap`), which is completed to that form.
 * - `CYTOCURATOR_ERDDAP_FLAG_KEYS`: `datasetID=flagKey,…` (ERDDAP lists each dataset's flagKey in its Daily Report).
 */
export interface ErddapConfig {
  dir: string;
  fileDirForErddap: string;
  flagDir: string | null;
  flagUrl: string | null;
  flagKeys: Record<string, string>;
}

export function erddapConfigFromEnv(env: NodeJS.ProcessEnv): ErddapConfig | null {
  const dir = env.CYTOCURATOR_ERDDAP_DIR?.trim();
  if (!dir) return null;
  const flagKeys: Record<string, string> = {};
  for (const pair of (env.CYTOCURATOR_ERDDAP_FLAG_KEYS ?? '').split(',')) {
    const [id, key] = pair.split('=').map((s) => s.trim());
    if (id && key) flagKeys[id] = key;
  }
  return {
    dir: path.resolve(dir),
    fileDirForErddap: env.CYTOCURATOR_ERDDAP_FILE_DIR?.trim() || path.resolve(dir),
    flagDir: env.CYTOCURATOR_ERDDAP_FLAG_DIR?.trim() ? path.resolve(env.CYTOCURATOR_ERDDAP_FLAG_DIR.trim()) : null,
    flagUrl: flagUrlTemplate(env.CYTOCURATOR_ERDDAP_FLAG_URL),
    flagKeys,
  };
}

/** Paths of one dataset's files, from its ERDDAP datasetID (never from anything else). */
export function erddapPaths(config: ErddapConfig, erddapId: string) {
  return {
    csv: path.join(config.dir, 'data', erddapId, `${erddapId}.csv`),
    csvName: `${erddapId}.csv`,
    dataDir: path.join(config.dir, 'data', erddapId),
    fileDirForErddap: `${config.fileDirForErddap.replace(/\/+$/, '')}/data/${erddapId}/`,
    fragment: path.join(config.dir, 'datasets-xml', `${erddapId}.xml`),
  };
}

function flagUrlTemplate(given: string | undefined): string | null {
  const url = given?.trim();
  if (!url) return null;
  if (url.includes('{datasetID}')) return url;
  return `${url.replace(/\/+$/, '').replace(/\/setDatasetFlag\.txt$/, '')}/setDatasetFlag.txt?datasetID={datasetID}&flagKey={flagKey}`;
}
