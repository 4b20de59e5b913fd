import { describe, expect, it } from 'vitest';
import type { ConflictSide, SyncRunResult, SyncStatus } from '../../shared/sync/sync-view.js';
import { createTranslator, englishT } from '../i18n/translate.js';
import { agoWords, parkedErrorCount, runResultLines, sideComment, sideWho, syncDetails, syncItemWords, waitingCount } from './sync-words.js';

const now = Date.parse('2026-05-14T12:00:00Z');
const fr = createTranslator('fr');

const online: SyncStatus = {
  configured: true,
  serverUrl: 'https://sync.institute.example',
  user: 'ben',
  role: 'curator',
  online: true,
  lastContactAt: '2026-05-14T11:55:00Z',
  lastSyncAt: '2026-05-14T11:55:00Z',
  lastError: null,
  waiting: { events: 0, samples: 0, files: 0, deferredFiles: 0 },
  openConflicts: 0,
  parked: { conflicts: 0, refused: 0, failedFiles: 0, refusedSamples: 0 },
  unsupported: 0,
  refusals: [],
  fileRules: null,
  fileRulesProblem: null,
};

describe('agoWords', () => {
  it('says just now, minutes, hours or days, rounding down', () => {
    expect(agoWords('2026-05-14T11:59:30Z', now, englishT)).toBe('just now');
    // A server clock a little ahead is still "now".
    expect(agoWords('2026-05-14T12:00:40Z', now, englishT)).toBe('just now');
    expect(agoWords('2026-05-14T11:58:59Z', now, englishT)).toBe('1 min ago');
    expect(agoWords('2026-05-14T11:00:01Z', now, englishT)).toBe('59 min ago');
    expect(agoWords('2026-05-14T09:30:00Z', now, englishT)).toBe('2 h ago');
    expect(agoWords('2026-05-12T13:00:00Z', now, englishT)).toBe('47 h ago');
    expect(agoWords('2026-05-11T12:00:00Z', now, englishT)).toBe('3 days ago');
    expect(agoWords('2026-05-11T12:00:00Z', now, fr)).toBe('il y a 3 jours');
    expect(agoWords('not a time', now, englishT)).toBe('not a time');
  });
});

describe('syncItemWords', () => {
  it('says not set up, without counts, before a login (changes wait anyway)', () => {
    const w = syncItemWords({ ...online, configured: false, serverUrl: null, user: null, role: null, online: false, waiting: { events: 4, samples: 0, files: 0, deferredFiles: 0 } }, now, englishT);
    expect(w).toMatchObject({ state: 'Sync: not set up — working offline', lastSync: null, waiting: null, conflicts: null, errors: null, tone: 'neutral' });
    expect(w.details).toEqual([
      'No sync server: log in from the Sync panel. Changes wait in this library meanwhile.',
      'Waiting — changes: 4 · approved samples: 0 · files: 0 · deferred files: 0',
    ]);
  });

  it('is calm when online and all sent, with the last sync time', () => {
    const w = syncItemWords(online, now, englishT);
    expect(w).toMatchObject({ state: 'Sync: online', lastSync: 'synced 5 min ago', waiting: null, conflicts: null, errors: null, tone: 'ok' });
    expect(w.details).toEqual([
      'Server https://sync.institute.example, as ben (curator)',
      'Last contact: 2026-05-14 11:55:00 UTC',
      'Last sync: 2026-05-14 11:55:00 UTC',
      'Waiting — changes: 0 · approved samples: 0 · files: 0 · deferred files: 0',
      'Open conflicts: 0',
      'Parked — refused changes: 0 · failed files: 0 · refused samples: 0',
    ]);
    expect(syncItemWords({ ...online, lastSyncAt: null }, now, englishT).lastSync).toBe('never synced');
    expect(syncItemWords(online, now, fr)).toMatchObject({ state: 'Synchro : en ligne', lastSync: 'synchronisé il y a 5 min' });
  });

  it('says offline neutrally with the last contact, and counts what waits, conflicts and parked errors', () => {
    const status: SyncStatus = {
      ...online,
      online: false,
      lastContactAt: '2026-05-14T09:00:00Z',
      lastError: 'the server did not answer (connect ECONNREFUSED 127.0.0.1:9)',
      waiting: { events: 3, samples: 1, files: 5, deferredFiles: 2 },
      openConflicts: 1,
      parked: { conflicts: 1, refused: 2, failedFiles: 1, refusedSamples: 0 },
      unsupported: 1,
    };
    expect(waitingCount(status)).toBe(11);
    expect(parkedErrorCount(status)).toBe(3);
    const w = syncItemWords(status, now, englishT);
    expect(w).toMatchObject({ state: 'Sync: offline (last contact 3 h ago)', lastSync: null, waiting: '11 waiting', conflicts: '1 conflict', errors: '3 errors', tone: 'bad' });
    expect(syncDetails(status, englishT).slice(3)).toEqual([
      'Waiting — changes: 3 · approved samples: 1 · files: 5 · deferred files: 2',
      'Open conflicts: 1',
      'Parked — refused changes: 2 · failed files: 1 · refused samples: 0',
      '1 change from others needs a newer CytoCurator',
      'Last error: the server did not answer (connect ECONNREFUSED 127.0.0.1:9)',
    ]);
    // Conflicts alone warn; offline alone is neutral.
    expect(syncItemWords({ ...status, parked: { ...status.parked, refused: 0, failedFiles: 0 } }, now, englishT)).toMatchObject({ tone: 'warn', errors: null });
    expect(syncItemWords({ ...online, online: false, lastContactAt: null }, now, englishT)).toMatchObject({ state: 'Sync: offline (server never reached)', tone: 'neutral' });
    expect(syncItemWords(status, now, fr)).toMatchObject({ waiting: '11 en attente', conflicts: '1 conflit', errors: '3 erreurs' });
  });
});

describe('runResultLines', () => {
  const run: SyncRunResult = {
    pushed: 1,
    pulled: 2,
    parked: 1,
    conflicts: 1,
    remaining: 0,
    samples: { stored: 0, unchanged: 0, refused: 0 },
    files: { sent: 0, remaining: 0, deferred: 0, failed: 0 },
    changedSamples: ['cs-1'],
    online: true,
    errors: [],
    startedAt: '2026-05-14T11:59:58Z',
    finishedAt: '2026-05-14T12:00:00Z',
  };

  it('says what moved in plain sentences, leaving out samples and files when none moved', () => {
    expect(runResultLines(run, englishT)).toEqual([
      '1 change sent, 2 changes received from others, 1 parked, 0 still to send.',
      '1 conflict waits for your choice (panel at the top).',
    ]);
  });

  it('reports the server not answering first, then samples and files', () => {
    const offline = { ...run, online: false, pushed: 0, pulled: 0, parked: 0, conflicts: 0, remaining: 3, samples: { stored: 2, unchanged: 1, refused: 0 }, files: { sent: 4, remaining: 1, deferred: 2, failed: 0 } };
    expect(runResultLines(offline, englishT)).toEqual([
      'The server did not answer: everything waits here and goes at the next sync.',
      '0 changes sent, 0 changes received from others, 0 parked, 3 still to send.',
      'Approved samples: 2 stored on the server, 1 unchanged, 0 refused.',
      'Files: 4 sent, 1 waiting, 2 deferred by rule, 0 failed.',
    ]);
    expect(runResultLines(offline, fr)[1]).toBe('0 changement envoyé, 0 changement reçu des autres, 0 mis de côté, 3 encore à envoyer.');
  });
});

describe('conflict sides', () => {
  const side: ConflictSide = { value: { code: '3', comment: 'bubbles' }, summary: 'L20 3', eventId: 'e1', actor: 'u-ana', actorName: 'Ana', device: 'ana-laptop', at: '2026-05-14T10:00:00Z' };
  it('names who and where, falling back to the actor id', () => {
    expect(sideWho(side, englishT)).toBe('by Ana on ana-laptop');
    expect(sideWho({ ...side, actorName: null }, fr)).toBe('par u-ana sur ana-laptop');
  });
  it('finds the comment of a flag value, and nothing in other values', () => {
    expect(sideComment(side.value)).toBe('bubbles');
    expect(sideComment({ code: '3', comment: '  ' })).toBeNull();
    expect(sideComment('approved')).toBeNull();
    expect(sideComment(null)).toBeNull();
  });
});
