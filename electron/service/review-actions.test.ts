import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveState, targetKey } from '../../shared/model/change-event.js';
import { changesetEvents } from '../library/change-store.js';
import { openLibraryDatabase } from '../library/library-database.js';
import { insertSamples } from '../library/sample-store.js';
import { realFixture } from '../test-support/real-fixtures.js';
import { sample } from '../test-support/sample-factory.js';
import { makeService } from '../test-support/service-fixture.js';
import { useTempDirs } from '../test-support/temp-dirs.js';

const tempDir = useTempDirs();

describe('review actions through the service', () => {
  it('a bulk flag on a filtered set covers every matching sample, not only a loaded page', async () => {
    const home = tempDir();
    const lib = openLibraryDatabase(path.join(home, 'library'));
    const many = Array.from({ length: 250 }, (_, i) =>
      sample(`cs-${String(i).padStart(4, '0')}`, { station: i % 2 ? 'SOLEMIO' : 'Frioul', startedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString() }),
    );
    insertSamples(lib.db, many);
    lib.close();
    const service = makeService(home);
    const query = { search: 'Frioul' };
    expect(await service.countSelection({ selection: { query } })).toEqual({ count: 125 });
    const page = await service.listSamples({ ...query, limit: 100 });
    expect(page.rows).toHaveLength(100); // what a table would have loaded
    const r = await service.flagSamples({ selection: { query }, flag: { code: '3' }, comment: 'pump failure' });
    expect(r).toMatchObject({ events: 125, samples: 125 });
    expect((await service.listSamples({ flags: ['3'], limit: 1 })).total).toBe(125);
    expect((await service.listSamples({ flags: ['none'], limit: 1 })).total).toBe(125);
    // One changeset: undone as one.
    await service.undoChangeset({ changeset: r.changeset! });
    expect((await service.listSamples({ flags: ['none'], limit: 1 })).total).toBe(250);
    await service.close();
  });

  it('keeps target_state equal to the state derived from the event log, and queues every event for sync', async () => {
    const home = tempDir();
    const lib = openLibraryDatabase(path.join(home, 'library'));
    insertSamples(lib.db, [sample('cs-a'), sample('cs-b')]);
    lib.close();
    const service = makeService(home);
    const c1 = await service.flagSamples({ selection: { ids: ['cs-a', 'cs-b'] }, flag: { code: '1' }, comment: null });
    await service.commentSamples({ selection: { ids: ['cs-a'] }, text: 'nice Synechococcus cloud' });
    await service.approveSamples({ selection: { ids: ['cs-a'] }, comment: null });
    await service.undoChangeset({ changeset: c1.changeset! });
    await service.close();

    const check = openLibraryDatabase(path.join(home, 'library'));
    const all = check.db.prepare('SELECT DISTINCT changeset FROM change_events ORDER BY seq').pluck().all() as string[];
    const events = all.flatMap((c) => changesetEvents(check.db, c));
    const derived = deriveState(events);
    const stored = check.db.prepare('SELECT target_key, value_json, revision FROM target_state').all() as { target_key: string; value_json: string | null; revision: number }[];
    expect(stored).toHaveLength(derived.size);
    for (const row of stored) {
      expect(derived.get(row.target_key)).toEqual({ value: row.value_json === null ? null : JSON.parse(row.value_json), revision: row.revision });
    }
    expect(check.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(events.length);
    // Undoing the flag changed an approved value: the sample went back to needs-attention in the same changeset.
    expect(check.db.prepare("SELECT review_state, comment FROM samples WHERE id = 'cs-a'").get()).toEqual({ review_state: 'needs-attention', comment: 'nice Synechococcus cloud' });
    expect(derived.get(targetKey({ sampleId: 'cs-b', kind: 'flag' }))?.value).toBeNull();
    check.close();
  });

  it('an approved sample needs attention again when a new export changes what was approved', async () => {
    const home = tempDir();
    const service = makeService(home, {});
    const cefas = path.dirname(realFixture('ecotaxa-pipeline/cefas/Pond_NA 2023-05-24 09h23_Info.txt'));
    const first = await service.importFiles({ paths: [cefas] });
    const id = first.samples[0]!.id;
    await service.approveSamples({ selection: { ids: [id] }, comment: 'ok' });
    // The same measurement exported again with a set that now has one particle fewer.
    const copy = path.join(tempDir(), 'again');
    fs.cpSync(cefas, copy, { recursive: true });
    const listmode = path.join(copy, 'Pond_NA 2023-05-24 09h23_All Imaged Particles_Listmode.csv');
    const lines = fs.readFileSync(listmode, 'utf8').split('\r\n');
    fs.writeFileSync(listmode, [...lines.slice(0, -2), ''].join('\r\n'));
    const second = await service.importFiles({ paths: [copy] });
    expect(second.samples[0]).toMatchObject({ id, status: 'new-version' });
    const s = await service.getSample({ id });
    expect(s.reviewState).toBe('needs-attention');
    const audit = await service.getAudit({ sampleId: id });
    expect(audit.events.map((e) => e.action)).toEqual(['approve', 'mark-attention']);
    expect(audit.events[1]!.reason).toBe('the approved values changed');
    await service.close();
  });
});
