import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushEventsResponse, WireEvent } from '../../shared/sync/sync-protocol.js';
import { useTestDatabase } from '../test-support/postgres.js';
import type { TestServer } from '../test-support/sync-fixtures.js';
import { api, approveEvent, datasetEvent, datasetMetadata, flagEvent, sampleRecord, startTestServer, unapproveEvent } from '../test-support/sync-fixtures.js';
import type { ErddapConfig } from './erddap-config.js';
import type { PublicationHook } from './publication-hook.js';
import { createErddapPublisher } from './publication-hook.js';

describe('ERDDAP publication hook (PostgreSQL)', () => {
  const db = useTestDatabase();
  let server: TestServer;
  let token: string;
  let publisher: PublicationHook;
  let root: string;
  let config: ErddapConfig;
  let flagServer: http.Server;
  const flagRequests: string[] = [];
  const log: string[] = [];
  const revisions = new Map<string, number>();

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cytocurator-erddap-'));
    fs.mkdirSync(path.join(root, 'flag'));
    flagServer = http.createServer((req, res) => {
      flagRequests.push(req.url ?? '');
      res.end('ok');
    });
    await new Promise<void>((r) => flagServer.listen(0, '127.0.0.1', r));
    const port = (flagServer.address() as AddressInfo).port;
    config = {
      dir: path.join(root, 'out'),
      fileDirForErddap: '/erddapData/cytocurator',
      flagDir: path.join(root, 'flag'),
      flagUrl: `http://127.0.0.1:${port}/erddap/setDatasetFlag.txt?datasetID={datasetID}&flagKey={flagKey}`,
      flagKeys: { sola_public: '1234567' },
    };
    publisher = createErddapPublisher(db().driver, config, (l) => log.push(l));
    server = await startTestServer(db().driver, publisher);
    token = await server.userToken('ana', 'curator', 'laptop-a');
    const samples = ['p-1', 'p-2', 'p-3', 'r-1'].map((id, i) => sampleRecord(id, { startedAt: `2024-05-0${i + 1}T10:30:00.000Z` }));
    expect((await api(server.url, 'POST', '/samples', token, { samples })).status).toBe(200);
  });
  afterAll(async () => {
    await server.close();
    await new Promise((r) => flagServer.close(r));
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** Pushes events, tracking each target's revision so every event is made against the current one. */
  const push = async (...events: WireEvent[]) => {
    const sent = events.map((e) => {
      const key = JSON.stringify(e.target);
      const base = revisions.get(key) ?? 0;
      revisions.set(key, base + 1);
      return { ...e, serverBase: base };
    });
    const res = await api(server.url, 'POST', '/events', token, { events: sent });
    expect((res.body as PushEventsResponse).results.map((r) => r.status)).toEqual(sent.map(() => 'applied'));
    await publisher.settled();
  };
  const csvOf = (id: string) => {
    const file = path.join(config.dir, 'data', id, `${id}.csv`);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  };
  const sampleIdsIn = (id: string) =>
    (csvOf(id) ?? '')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[5]);
  const flagFile = (id: string) => path.join(config.flagDir!, id);
  const tempFiles = () => (fs.readdirSync(config.dir, { recursive: true }) as string[]).filter((f) => /\.tmp$/.test(f));

  it('writes approved samples of a public dataset, removes a withdrawn one, and signals ERDDAP each time', async () => {
    await push(datasetEvent('sola_public', datasetMetadata('LS'), ['p-1', 'p-2', 'p-3']));
    // No approved sample yet: the columns are there, no rows.
    expect(csvOf('sola_public')).toBe('time,latitude,longitude,depth,station,sample_id\n');
    expect(fs.existsSync(flagFile('sola_public'))).toBe(true);

    fs.rmSync(flagFile('sola_public'));
    flagRequests.length = 0;
    await push(approveEvent('p-1'), approveEvent('p-2'));
    expect(sampleIdsIn('sola_public')).toEqual(['p-1', 'p-2']);
    expect(csvOf('sola_public')!.split('\n').slice(0, 2)).toEqual([
      'time,latitude,longitude,depth,station,sample_id,abundance_Picoeukaryotes,abundance_Picoeukaryotes_qc,abundance_Synechococcus,abundance_Synechococcus_qc',
      // Position and depth from the dataset's station (the record has none); flags: computed 2, else 1.
      '2024-05-01T10:30:00.000Z,42.4883,3.145,3,SOLA,p-1,3000.5,2,15000,1',
    ]);
    expect(fs.existsSync(flagFile('sola_public'))).toBe(true);
    expect(flagRequests).toContain('/erddap/setDatasetFlag.txt?datasetID=sola_public&flagKey=1234567');
    const fragment = fs.readFileSync(path.join(config.dir, 'datasets-xml', 'sola_public.xml'), 'utf8');
    expect(fragment).toContain('<fileDir>/erddapData/cytocurator/data/sola_public/</fileDir>');
    expect(fragment).toContain('<sourceName>abundance_Synechococcus_qc</sourceName>');

    // A value flag on an approved sample is published with it.
    await push(flagEvent({ sampleId: 'p-2', group: 'Synecho', after: { scheme: 'L20', code: '4', comment: 'clogged' } }));
    expect(csvOf('sola_public')!.split('\n')[2]).toMatch(/,p-2,3000\.5,2,15000,4$/);

    fs.rmSync(flagFile('sola_public'));
    await push(unapproveEvent('p-1'));
    expect(sampleIdsIn('sola_public')).toEqual(['p-2']);
    expect(fs.existsSync(flagFile('sola_public'))).toBe(true);
    expect(tempFiles()).toEqual([]);

    // Nothing changed: nothing rewritten, ERDDAP not bothered.
    fs.rmSync(flagFile('sola_public'));
    await push(flagEvent({ sampleId: 'p-9' }));
    publisher.samplesChanged(['p-2']);
    await publisher.settled();
    expect(fs.existsSync(flagFile('sola_public'))).toBe(false);
  });

  it('never writes a sample whose dataset is not public, even when it is also in a public dataset', async () => {
    await push(datasetEvent('sola_restricted', datasetMetadata('RS'), ['r-1', 'p-3']), approveEvent('r-1'), approveEvent('p-3'));
    expect(fs.existsSync(path.join(config.dir, 'data', 'sola_restricted'))).toBe(false);
    expect(fs.existsSync(path.join(config.dir, 'datasets-xml', 'sola_restricted.xml'))).toBe(false);
    expect(fs.existsSync(flagFile('sola_restricted'))).toBe(false);
    // p-3 is approved and in the public dataset too, but its other dataset is restricted.
    expect(sampleIdsIn('sola_public')).toEqual(['p-2']);
    expect(log.some((l) => /sample p-3 held back: also in dataset sola_restricted, whose access restriction \(L08 RS\) is not public/.test(l))).toBe(true);
    expect(
      (fs.readdirSync(config.dir, { recursive: true }) as string[]).some((f) => f.includes('r-1')) || (csvOf('sola_public') ?? '').includes('r-1'),
    ).toBe(false);

    // Taken out of the restricted dataset, p-3 is published.
    await push(datasetEvent('sola_restricted', datasetMetadata('RS'), ['r-1']));
    expect(sampleIdsIn('sola_public')).toEqual(['p-2', 'p-3']);
  });

  it('removes a dataset that becomes restricted or is deleted, and holds back a sample whose record is not the approved one', async () => {
    // A newer import of p-2 arrives: it is not what was approved.
    await api(server.url, 'POST', '/samples', token, { samples: [sampleRecord('p-2', { importVersion: 2, startedAt: '2024-05-02T10:30:00.000Z' })] });
    await publisher.settled();
    expect(sampleIdsIn('sola_public')).toEqual(['p-3']);

    fs.rmSync(flagFile('sola_public'), { force: true });
    await push(datasetEvent('sola_public', datasetMetadata('MO'), ['p-1', 'p-2', 'p-3']));
    expect(csvOf('sola_public')).toBeNull();
    expect(fs.existsSync(path.join(config.dir, 'datasets-xml', 'sola_public.xml'))).toBe(false);
    expect(fs.existsSync(flagFile('sola_public'))).toBe(true);

    // p-3 is still in the now restricted dataset: held back from any other.
    await push(datasetEvent('sola_open', datasetMetadata('UN'), ['p-3']));
    expect(sampleIdsIn('sola_open')).toEqual([]);
    await push(datasetEvent('sola_public', datasetMetadata('MO'), ['p-1', 'p-2']));
    expect(sampleIdsIn('sola_open')).toEqual(['p-3']);
    await push(datasetEvent('sola_open', {}, [], { after: null, action: 'undo' }));
    expect(csvOf('sola_open')).toBeNull();
    expect(tempFiles()).toEqual([]);
  });
});
