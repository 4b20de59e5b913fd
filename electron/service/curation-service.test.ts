import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CurationEvent } from '../../shared/api/events.js';
import { openLibraryDatabase } from '../library/library-database.js';
import { insertSamples } from '../library/sample-store.js';
import { sample } from '../test-support/sample-factory.js';
import { makeService } from '../test-support/service-fixture.js';
import { useTempDirs } from '../test-support/temp-dirs.js';

const tempDir = useTempDirs();

describe('curation service', () => {
  it('starts on an empty default library, offers the Demo library, and is offline without a server', async () => {
    const home = tempDir();
    const service = makeService(home);
    const status = await service.getStatus({});
    expect(status.library).toMatchObject({ path: path.join(home, 'library'), kind: 'user', isDefault: true, sampleCount: 0, readOnly: false });
    expect(status.demoAvailable).toBe(true);
    expect(status.offerDemo).toBe(true);
    expect(status.server).toMatchObject({ configured: false, reachable: false });
    expect(status.server.detail).toContain('offline');
    await service.dismissDemoOffer({});
    expect((await service.getStatus({})).offerDemo).toBe(false);
    await service.close();
  });

  it('opens the Demo library read-only with its samples, and back to the default library', async () => {
    const home = tempDir();
    const service = makeService(home);
    const events: CurationEvent[] = [];
    service.onEvent((e) => events.push(e));
    const demo = await service.openLibrary({ which: 'demo' });
    expect(demo).toMatchObject({ kind: 'demo', readOnly: true, isDefault: false, name: 'Demo library' });
    expect(demo.sampleCount).toBeGreaterThanOrEqual(3);
    expect(events.at(-1)).toMatchObject({ type: 'library-changed', library: { kind: 'demo' } });

    const page = await service.listSamples({ limit: 50 });
    expect(page.rows.every((s) => s.name.startsWith('DEMO'))).toBe(true);
    const first = page.rows[0]!;
    const detail = await service.getSample({ id: first.id });
    expect(detail.provenance.some((f) => f.role === 'listmode' && f.storedPath === null)).toBe(true);
    expect(detail.columns).toContain('Fl Red Total');
    expect(detail.station).toMatch(/SOLEMIO|Frioul/);
    expect(detail.timeZoneAssumed).toBe(false);
    expect(detail.files.filter((f) => f.role === 'image')).toHaveLength(first.imageCount);
    // Stored files are inside the library and match their recorded hashes.
    for (const f of detail.files.slice(0, 3)) {
      expect(fs.statSync(path.join(demo.path, 'files', f.path)).size).toBe(f.sizeBytes);
    }
    // Changes are refused on the read-only Demo library (the guard is generic over mutating operations).
    await expect(service.dismissDemoOffer({})).rejects.toMatchObject({ code: 'read-only' });
    await expect(service.addDeployment({ name: 'x' })).rejects.toMatchObject({ code: 'read-only' });
    await expect(service.assignDeployment({ deployment: 'x', samples: [first.id] })).rejects.toMatchObject({ code: 'read-only' });
    expect(fs.existsSync(path.join(demo.path, 'library.sqlite-wal'))).toBe(false);

    const back = await service.openLibrary({ which: 'default' });
    expect(back).toMatchObject({ kind: 'user', isDefault: true, sampleCount: 0 });
    await service.close();
  });

  it('reuses a current Demo library and rebuilds a damaged one', async () => {
    const home = tempDir();
    let service = makeService(home);
    const demo = await service.openLibrary({ which: 'demo' });
    const ids = (await service.listSamples({})).rows.map((r) => r.id);
    await service.close();
    fs.writeFileSync(path.join(demo.path, 'library.sqlite'), 'not a database');
    service = makeService(home);
    await service.openLibrary({ which: 'demo' });
    expect((await service.listSamples({})).rows.map((r) => r.id)).toEqual(ids); // stable ids
    await service.close();
  });

  it('opens another library folder, and refuses a non-empty folder that is not a library', async () => {
    const home = tempDir();
    const other = path.join(tempDir(), 'campaign');
    const lib = openLibraryDatabase(other);
    insertSamples(lib.db, [sample('cs-1')]);
    lib.close();
    const service = makeService(home);
    expect(await service.openLibrary({ which: 'path', path: other })).toMatchObject({ sampleCount: 1, isDefault: false });
    expect((await service.getStatus({})).offerDemo).toBe(false);
    const junk = tempDir();
    fs.writeFileSync(path.join(junk, 'notes.txt'), 'x');
    await expect(service.openLibrary({ which: 'path', path: junk })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(service.getSample({ id: 'nope' })).rejects.toMatchObject({ code: 'not-found', field: 'id' });
    await expect(service.listSamples({ limit: -1 } as never)).rejects.toMatchObject({ code: 'invalid-request' });
    await service.close();
  });

  it('reports a configured server as reachable or offline', async () => {
    const server = http.createServer((req, res) => res.writeHead(req.url === '/health' ? 200 : 404).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const service = makeService(tempDir(), { serverUrl: url });
    expect((await service.getStatus({})).server).toMatchObject({ configured: true, reachable: false });
    expect(await service.checkServer({})).toMatchObject({ configured: true, reachable: true, detail: 'reachable' });
    await new Promise<void>((r) => server.close(() => r()));
    const after = await service.checkServer({});
    expect(after.reachable).toBe(false);
    expect(after.detail).toMatch(/^offline/);
    await service.close();
  });
});
