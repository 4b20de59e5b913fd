import fsp from 'node:fs/promises';
import path from 'node:path';
import type { SqlDriver } from '../db/sql-driver.js';
import { removeFile, writeFileAtomic } from './atomic-file.js';
import { loadDatasetForPublication } from './dataset-table.js';
import { datasetsXmlFragment } from './datasets-xml.js';
import type { ErddapConfig } from './erddap-config.js';
import { erddapPaths } from './erddap-config.js';
import { erddapDatasetId } from './erddap-id.js';
import { erddapCsv } from './erddap-table.js';
import { signalErddap } from './erddap-signal.js';

/** What the sync server tells the publication hook after a change is committed. */
export interface PublicationHook {
  /** Reviews, flags or records of these samples changed. */
  samplesChanged(sampleIds: Iterable<string>): void;
  /** A dataset's metadata or samples changed (or a dataset was removed): every dataset is rewritten as needed. */
  datasetsChanged(): void;
  /** Resolves when all scheduled work is done. */
  settled(): Promise<void>;
}

/**
 * Writes ERDDAP-ready files for each dataset (CSV + datasets.xml fragment) after changes, in the background and
 * one run at a time; requests that arrive meanwhile are merged into the next run. A file is rewritten only when
 * its content changes, atomically, and ERDDAP is signalled only then. A dataset that is gone or not public has its
 * files removed (and ERDDAP signalled). Work runs after the change is committed: if the server stops in between,
 * the next start rewrites everything (`datasetsChanged()` at start-up).
 */
export function createErddapPublisher(db: SqlDriver, config: ErddapConfig, log: (line: string) => void = () => undefined): PublicationHook {
  let all = false;
  const samples = new Set<string>();
  let running: Promise<void> | null = null;

  const kick = () => {
    running ??= (async () => {
      while (all || samples.size > 0) {
        const doAll = all;
        const ids = [...samples];
        all = false;
        samples.clear();
        try {
          if (doAll) await publishAll();
          else await publishDatasets(await datasetsOf(ids));
        } catch (err) {
          log(`ERDDAP publication failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        }
      }
    })().finally(() => {
      running = null;
    });
  };

  async function datasetsOf(sampleIds: string[]): Promise<string[]> {
    const rows = await db.query<{ dataset_id: string }>(
      'SELECT DISTINCT dataset_id FROM dataset_samples WHERE sample_id IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY dataset_id',
      [JSON.stringify(sampleIds)],
    );
    return rows.map((r) => r.dataset_id);
  }

  async function publishAll(): Promise<void> {
    const ids = (await db.query<{ dataset_id: string }>('SELECT dataset_id FROM datasets ORDER BY dataset_id')).map((r) => r.dataset_id);
    await publishDatasets(ids);
    // Files of datasets that no longer exist.
    const current = new Set(ids.map(erddapDatasetId));
    const onDisk = await fsp.readdir(path.join(config.dir, 'data'), { withFileTypes: true }).catch(() => []);
    for (const entry of onDisk) {
      if (entry.isDirectory() && !current.has(entry.name)) await unpublish(entry.name, `dataset ${entry.name} no longer exists`);
    }
  }

  async function publishDatasets(datasetIds: string[]): Promise<void> {
    for (const id of datasetIds) await publishDataset(id);
  }

  async function publishDataset(datasetId: string): Promise<void> {
    const erddapId = erddapDatasetId(datasetId);
    // One consistent snapshot of the projections, whatever is being pushed meanwhile.
    const data = await db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      return loadDatasetForPublication(tx, datasetId);
    });
    if (!data) return unpublish(erddapId, `dataset ${datasetId} no longer exists`);
    if (!data.public) return unpublish(erddapId, `dataset ${datasetId} is not public (L08 ${String(data.metadata.accessRestriction ?? 'none')})`);
    for (const h of data.heldBack) log(`ERDDAP ${erddapId}: sample ${h.sampleId} held back: ${h.reason}`);
    const paths = erddapPaths(config, erddapId);
    const csvChanged = await writeFileAtomic(paths.csv, erddapCsv(data.table));
    const fragment = datasetsXmlFragment({ datasetId, erddapId, fileDir: paths.fileDirForErddap, csvName: paths.csvName, metadata: data.metadata, groups: data.table.groups });
    const fragmentChanged = await writeFileAtomic(paths.fragment, fragment);
    if (csvChanged || fragmentChanged) {
      log(`ERDDAP ${erddapId}: wrote ${data.table.rows.length} sample(s)${fragmentChanged ? ' and its datasets.xml fragment' : ''}`);
      for (const p of await signalErddap(config, erddapId)) log(`ERDDAP ${erddapId}: ${p}`);
    }
  }

  async function unpublish(erddapId: string, why: string): Promise<void> {
    const paths = erddapPaths(config, erddapId);
    const csvRemoved = await removeFile(paths.csv);
    const fragmentRemoved = await removeFile(paths.fragment);
    const removed = csvRemoved || fragmentRemoved;
    await fsp.rmdir(paths.dataDir).catch(() => undefined);
    if (removed) {
      log(`ERDDAP ${erddapId}: files removed (${why})`);
      for (const p of await signalErddap(config, erddapId)) log(`ERDDAP ${erddapId}: ${p}`);
    }
  }

  return {
    samplesChanged(ids) {
      for (const id of ids) samples.add(id);
      kick();
    },
    datasetsChanged() {
      all = true;
      kick();
    },
    async settled() {
      while (running) await running;
    },
  };
}
