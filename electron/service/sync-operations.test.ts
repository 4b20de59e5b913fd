import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CurationEvent } from '../../shared/api/events.js';
import { openLibraryDatabase } from '../library/library-database.js';
import { insertSamples } from '../library/sample-store.js';
import { startFakeServer } from '../sync/test-support/fake-sync-server.js';
import { sample } from '../test-support/sample-factory.js';
import { makeService } from '../test-support/service-fixture.js';
import { useTempDirs } from '../test-support/temp-dirs.js';

const tempDir = useTempDirs();

function home(ids: string[]): string {
  const h = tempDir();
  const lib = openLibraryDatabase(path.join(h, 'library'));
  insertSamples(lib.db, ids.map((id) => sample(id)));
  lib.close();
  return h;
}

describe('sync through the service (the operations the status bar and conflicts panel use)', () => {
  it('logs in, syncs, reports status, and shows and settles a conflict between two workstations', async () => {
    const server = await startFakeServer({ ana: { password: 'pw-ana', role: 'curator' }, ben: { password: 'pw-ben', role: 'curator' } });
    try {
      const a = makeService(home(['cs-a', 'cs-b']));
      const b = makeService(home(['cs-a', 'cs-b']));
      expect(await a.getSyncStatus({})).toMatchObject({ configured: false });
      await expect(a.loginToServer({ server: server.url, user: 'ana', password: 'wrong' })).rejects.toBeTruthy();
      await a.loginToServer({ server: server.url, user: 'ana', password: 'pw-ana' });
      await b.loginToServer({ server: server.url, user: 'ben', password: 'pw-ben' });
      const status = await a.getSyncStatus({});
      expect(status).toMatchObject({ configured: true, user: 'ana' });
      expect(JSON.stringify(status)).not.toMatch(/token/i);
      expect(status).toMatchObject({ fileRules: null, fileRulesProblem: null });
      await a.setSyncFileRules({ rules: { deferRoles: ['listmode'], unlessHostMatches: 'institute.example' } });
      expect((await a.getSyncStatus({})).fileRules).toEqual({ deferRoles: ['listmode'], unlessHostMatches: 'institute.example' });

      // Both flag the same sample offline, differently; ana also flags another sample.
      await a.flagSamples({ selection: { ids: ['cs-a'] }, flag: { code: '4' }, comment: 'bubbles' });
      await a.flagSamples({ selection: { ids: ['cs-b'] }, flag: { code: '1' }, comment: null });
      await b.flagSamples({ selection: { ids: ['cs-a'] }, flag: { code: '2' }, comment: 'looks fine' });
      const seen: CurationEvent[] = [];
      b.onEvent((e) => seen.push(e));
      expect(await a.runSync({})).toMatchObject({ pushed: 2, conflicts: 0, online: true });
      const rb = await b.runSync({});
      expect(rb.conflicts).toBe(1);
      expect(seen.some((e) => e.type === 'sync-status')).toBe(true);
      // The other sample's flag came through; the contested one waits for a choice.
      expect((await b.getSample({ id: 'cs-b' })).flag).toEqual({ scheme: 'L20', code: '1' });
      await b.runSync({});
      const { conflicts } = await b.listConflicts({});
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({ sampleId: 'cs-a', mine: { value: { code: '2' } }, theirs: { value: { code: '4' } } });
      const r = await b.resolveConflict({ conflictId: conflicts[0]!.id, choice: 'theirs' });
      expect(r.choice).toBe('theirs');
      expect((await b.getSample({ id: 'cs-a' })).flag).toEqual({ scheme: 'L20', code: '4' });
      expect((await b.listConflicts({})).conflicts).toEqual([]);
      // Both versions are in the audit.
      const audit = (await b.getAudit({ sampleId: 'cs-a' })).events.filter((e) => e.target.kind === 'flag');
      expect(audit.map((e) => (e.after as { code: string }).code)).toEqual(['2', '4']);
      expect((await b.runSync({})).remaining).toBe(0);
      expect((await b.getSyncStatus({})).openConflicts).toBe(0);
      await a.close();
      await b.close();
    } finally {
      await server.stop();
    }
  });
});
