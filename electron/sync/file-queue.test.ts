import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFaultProxy } from '../../e2e/support/fault-proxy.js';
import { planApprove, planComment } from '../../shared/model/change-event.js';
import { approvalSnapshot } from '../library/change-store.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { login } from './login.js';
import { runSync, syncStatus } from './run-sync.js';
import { retryFailedFiles, setSyncFileRules } from './sync-settings.js';
import { startFakeServer } from './test-support/fake-sync-server.js';
import { act, curator, openLibrary, seedSamples } from './test-support/sync-library.js';

const tempDir = useTempDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const fast = { backoff: { baseMs: 5, maxMs: 20 }, timeoutMs: 2000 };
const ana = curator('Ana');
const offShore = { hostnames: ['laptop.ship.example'], addresses: ['192.168.1.20'] };
const atInstitute = { hostnames: ['laptop', 'institute.example'], addresses: ['10.12.3.4'] };

async function setup(o: { images?: number; imageBytes?: number; sourceRole?: string; sourceBytes?: number; count?: number; imageSizes?: boolean } = {}) {
  const srv = await startFakeServer();
  cleanup.push(() => srv.stop());
  const lib = openLibrary(tempDir());
  cleanup.push(async () => lib.close());
  const ids = seedSamples(lib, { count: o.count ?? 1, imagesPerSample: o.images ?? 1, imageBytes: o.imageBytes ?? 300, ...(o.imageSizes === false ? { imageSizes: false } : {}), ...(o.sourceRole ? { sourceRole: o.sourceRole, sourceBytes: o.sourceBytes ?? 5000 } : {}) });
  await login(lib.db, { serverUrl: srv.url, user: 'ana', password: 'pw-ana', device: ana.device });
  act(lib.db, ana, (l, c) => planApprove(l, ids, (id) => approvalSnapshot(lib.db, id), null, c));
  return { srv, lib, ids };
}

describe('the file queue', () => {
  it('sends a file in chunks and resumes where a cut link stopped, the server checking the SHA-256', async () => {
    const { srv, lib } = await setup({ images: 1, imageBytes: 10_000 });
    // Chunks of 3 kB; the link cuts the 2nd chunk mid-body on its way to the server, then drops the 3rd's answer.
    const proxy = await startFaultProxy({
      target: () => ({ host: '127.0.0.1', port: srv.port }),
      seed: 1,
      decide: (n, req) => {
        if (!req.url.includes('/files/')) return null;
        puts++;
        return puts === 2 ? 'cut-request' : puts === 4 ? 'drop-response' : null;
      },
    });
    let puts = 0;
    cleanup.push(() => proxy.close());
    lib.db.prepare('UPDATE sync_state SET server_url = ?').run(proxy.url);
    const r = await runSync(lib.db, lib.filesDir, { ...fast, chunkBytes: 3000 });
    expect(r.errors).toEqual([]);
    expect(r.files).toEqual({ sent: 1, remaining: 0, deferred: 0, failed: 0 });
    const [sha] = srv.state.files.keys();
    const stored = Buffer.concat(srv.state.files.get(sha!)!.bytes);
    const rel = lib.db.prepare('SELECT path FROM particle_images').pluck().get() as string;
    expect(stored.equals(fs.readFileSync(path.join(lib.filesDir, rel)))).toBe(true);
    // 0–3000; 3000–6000 cut and sent again; 6000–9000 stored but its answer lost, so sent again and answered 409
    // "I have 9000"; 9000–10000. A new file starts without asking the server what it has.
    expect(srv.state.requests.get('PUT files')).toBe(6);
    expect(srv.state.requests.get('GET files')).toBeUndefined();
    expect(lib.db.prepare('SELECT bytes_sent, status FROM sync_files').get()).toEqual({ bytes_sent: 10_000, status: 'sent' });
  });

  it('defers source exports by rule until the institute network, without holding back events or images', async () => {
    const { srv, lib, ids } = await setup({ images: 2, sourceRole: 'pulses', sourceBytes: 20_000, count: 2 });
    setSyncFileRules(lib.db, JSON.stringify({ deferRoles: ['pulses', 'listmode'], unlessHostMatches: 'institute.example' }));
    act(lib.db, ana, (l, c) => planComment(l, ids, 'beads ok', c));
    const r = await runSync(lib.db, lib.filesDir, { ...fast, network: offShore });
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ pushed: 4, remaining: 0, files: { sent: 4, remaining: 0, deferred: 2, failed: 0 } });
    expect(lib.db.prepare("SELECT DISTINCT deferred_rule FROM sync_files WHERE status = 'deferred'").pluck().all()).toEqual(['pulses files wait for the institute.example network']);
    expect(syncStatus(lib.db)).toMatchObject({ waiting: { files: 0, deferredFiles: 2 } });
    const r2 = await runSync(lib.db, lib.filesDir, { ...fast, network: atInstitute });
    expect(r2.files).toEqual({ sent: 2, remaining: 0, deferred: 0, failed: 0 });
    expect(srv.state.files.size).toBe(6);
    expect(() => setSyncFileRules(lib.db, '{"deferRoles": "pulses"}')).toThrow(/file deferral rule is invalid \(deferRoles/);
  });

  it('parks a file missing from the library or changed on disk with the reason, and the others still go', async () => {
    const { lib } = await setup({ images: 3 });
    const paths = lib.db.prepare('SELECT path FROM particle_images ORDER BY particle_id').pluck().all() as string[];
    // Deleted after the record was built (so the record names it): the queue finds it missing.
    const r0 = await runSync(lib.db, lib.filesDir, { ...fast, maxFiles: 0 });
    expect(r0.files).toMatchObject({ sent: 0, remaining: 3 });
    fs.rmSync(path.join(lib.filesDir, paths[0]!));
    // Same size, other bytes: the server's SHA-256 check refuses it.
    const second = path.join(lib.filesDir, paths[1]!);
    const bytes = fs.readFileSync(second);
    bytes[10] = (bytes[10]! + 1) & 0xff;
    fs.writeFileSync(second, bytes);
    const r = await runSync(lib.db, lib.filesDir, fast);
    expect(r.files).toEqual({ sent: 1, remaining: 0, deferred: 0, failed: 2 });
    // The record (unchanged in the library) is not sent again; the queue parks the two files with their reasons.
    expect(r.errors).toEqual([
      `${paths[0]}: missing from the library's files`, `${paths[1]}: refused by the server: the file does not match its SHA-256; it was discarded`]);
    expect(syncStatus(lib.db)).toMatchObject({ parked: { failedFiles: 2 } });
    // Fixed (file restored): put back in the queue, it goes.
    fs.writeFileSync(second, (bytes[10] = (bytes[10]! - 1) & 0xff, bytes));
    expect(retryFailedFiles(lib.db)).toBe(2);
    const r2 = await runSync(lib.db, lib.filesDir, fast);
    expect(r2.files).toEqual({ sent: 1, remaining: 0, deferred: 0, failed: 1 });
  });

  it('sends only what the server lacks, and an unchanged sample record is not sent again', async () => {
    const { srv, lib, ids } = await setup({ images: 2, count: 2 });
    const r = await runSync(lib.db, lib.filesDir, fast);
    expect(r).toMatchObject({ samples: { stored: 2 }, files: { sent: 4 } });
    const r2 = await runSync(lib.db, lib.filesDir, fast);
    expect(r2).toMatchObject({ samples: { stored: 0, unchanged: 0 }, files: { sent: 0 } });
    expect(srv.state.requests.get('POST samples')).toBe(1);
    // A changed record (new metadata) goes again; its files are on the server already.
    lib.db.prepare("INSERT INTO sample_metadata (sample_id, key, value) VALUES (?, 'Beads', 'yes')").run(ids[0]);
    const r3 = await runSync(lib.db, lib.filesDir, fast);
    expect(r3).toMatchObject({ samples: { stored: 1 }, files: { sent: 0 } });
    expect(srv.state.samples.get(ids[0]!)!.record.metadata).toEqual({ Beads: 'yes', Instrument: 'CytoSense test' });
  });

  // Images imported before sizes were recorded (library migration 0009) are measured on disk.
  it.each([true, false])('sends a record without an image missing on disk, saying so, and again with it once it is back (sizes recorded: %s)', async (imageSizes) => {
    const { srv, lib, ids } = await setup({ images: 2, imageSizes });
    const rel = lib.db.prepare('SELECT path FROM particle_images WHERE particle_id = 1').pluck().get() as string;
    const abs = path.join(lib.filesDir, rel);
    const bytes = fs.readFileSync(abs);
    fs.rmSync(abs);
    const r = await runSync(lib.db, lib.filesDir, fast);
    expect(r.errors).toEqual([`sample ${ids[0]}: ${rel}: missing from the library's files`]);
    expect(srv.state.samples.get(ids[0]!)!.record.files.map((f) => f.path)).not.toContain(rel);
    fs.writeFileSync(abs, bytes);
    const r2 = await runSync(lib.db, lib.filesDir, fast);
    expect(r2).toMatchObject({ errors: [], samples: { stored: 1 }, files: { sent: 1 } });
    expect(srv.state.samples.get(ids[0]!)!.record.files.map((f) => f.path)).toContain(rel);
    const r3 = await runSync(lib.db, lib.filesDir, fast);
    expect(r3.samples).toEqual({ stored: 0, unchanged: 0, refused: 0 });
  });
});
