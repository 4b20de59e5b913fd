/**
 * Sync in plain words for the status bar, the Sync panel and the conflicts panel: how long ago, the server's
 * state with what waits, and what one run did. Offline is a normal state aboard, so it is never worded as an
 * error; conflicts and parked refusals are, because they wait for a person.
 */
import type { ConflictSide, SyncRunResult, SyncStatus } from '../../shared/sync/sync-view.js';
import { formatUtcTime } from '../format/format-values.js';
import type { Translator } from '../i18n/translate.js';

export type SyncTone = 'neutral' | 'ok' | 'warn' | 'bad';

/** "just now", "12 min ago", "5 h ago", "3 days ago"; a time in the future (clock skew) counts as now. */
export function agoWords(iso: string, nowMs: number, t: Translator): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const minutes = (nowMs - at) / 60_000;
  if (minutes < 1) return t('sync.ago.justNow');
  if (minutes < 60) return t('sync.ago.minutes', { n: Math.floor(minutes) });
  const hours = minutes / 60;
  if (hours < 48) return t('sync.ago.hours', { n: Math.floor(hours) });
  return t('sync.ago.days', { n: Math.floor(hours / 24) });
}

/** Everything that waits to go: changes, approved samples, files (deferred ones too). */
export function waitingCount(status: SyncStatus): number {
  const w = status.waiting;
  return w.events + w.samples + w.files + w.deferredFiles;
}

/** Parked items that need someone to fix a cause: refused changes, failed files, refused sample records. */
export function parkedErrorCount(status: SyncStatus): number {
  const p = status.parked;
  return p.refused + p.failedFiles + p.refusedSamples;
}

export interface SyncItemWords {
  /** "Sync: online", "Sync: offline (last contact 2 h ago)", "Sync: not set up — working offline". */
  state: string;
  /** "synced 5 min ago" (online only; offline already says the last contact). */
  lastSync: string | null;
  waiting: string | null;
  conflicts: string | null;
  errors: string | null;
  tone: SyncTone;
  /** Every detail, one per line, for the tooltip and the panel. */
  details: string[];
}

export function syncItemWords(status: SyncStatus, nowMs: number, t: Translator): SyncItemWords {
  const details = syncDetails(status, t);
  if (!status.configured) {
    return { state: t('sync.item.notConfigured'), lastSync: null, waiting: null, conflicts: null, errors: null, tone: 'neutral', details };
  }
  const state = status.online
    ? t('sync.item.online')
    : status.lastContactAt
      ? t('sync.item.offlineSince', { age: agoWords(status.lastContactAt, nowMs, t) })
      : t('sync.item.offlineNever');
  const lastSync = status.online ? (status.lastSyncAt ? t('sync.item.synced', { age: agoWords(status.lastSyncAt, nowMs, t) }) : t('sync.item.neverSynced')) : null;
  const waiting = waitingCount(status);
  const errors = parkedErrorCount(status);
  const tone: SyncTone = errors > 0 ? 'bad' : status.openConflicts > 0 ? 'warn' : status.online ? 'ok' : 'neutral';
  return {
    state,
    lastSync,
    waiting: waiting > 0 ? t.plural('sync.item.waiting', waiting) : null,
    conflicts: status.openConflicts > 0 ? t.plural('sync.item.conflicts', status.openConflicts) : null,
    errors: errors > 0 ? t.plural('sync.item.errors', errors) : null,
    tone,
    details,
  };
}

function utc(iso: string | null, t: Translator): string {
  return iso ? t('sync.utc', { time: formatUtcTime(iso) }) : t('sync.never');
}

/** The full state, line by line (times in UTC, like every time in the workstation). */
export function syncDetails(status: SyncStatus, t: Translator): string[] {
  if (!status.configured) {
    const lines = [t('sync.detail.notConfigured')];
    const waiting = waitingCount(status);
    if (waiting > 0) lines.push(t('sync.detail.waiting', waitingParams(status)));
    return lines;
  }
  const lines = [
    t('sync.detail.server', { url: status.serverUrl ?? '', user: status.user ?? '', role: status.role ?? '' }),
    t('sync.detail.lastContact', { time: utc(status.lastContactAt, t) }),
    t('sync.detail.lastSync', { time: utc(status.lastSyncAt, t) }),
    t('sync.detail.waiting', waitingParams(status)),
    t('sync.detail.conflicts', { count: status.openConflicts }),
    t('sync.detail.parked', { refused: status.parked.refused, files: status.parked.failedFiles, samples: status.parked.refusedSamples }),
  ];
  if (status.unsupported > 0) lines.push(t.plural('sync.detail.unsupported', status.unsupported));
  if (status.lastError) lines.push(t('sync.detail.lastError', { error: status.lastError }));
  return lines;
}

function waitingParams(status: SyncStatus) {
  const w = status.waiting;
  return { events: w.events, samples: w.samples, files: w.files, deferred: w.deferredFiles };
}

/** What one "Sync now" did, sentence by sentence; the errors are listed apart. */
export function runResultLines(r: SyncRunResult, t: Translator): string[] {
  const lines: string[] = [];
  if (!r.online) lines.push(t('sync.result.offline'));
  lines.push(
    [
      t.plural('sync.result.pushed', r.pushed),
      t.plural('sync.result.pulled', r.pulled),
      t.plural('sync.result.parked', r.parked),
      t.plural('sync.result.remaining', r.remaining),
    ].join(', ') + '.',
  );
  if (r.conflicts > 0) lines.push(t.plural('sync.result.conflicts', r.conflicts));
  const s = r.samples;
  if (s.stored + s.refused > 0) lines.push(t('sync.result.samples', { stored: s.stored, unchanged: s.unchanged, refused: s.refused }));
  const f = r.files;
  if (f.sent + f.remaining + f.deferred + f.failed > 0) lines.push(t('sync.result.files', { sent: f.sent, remaining: f.remaining, deferred: f.deferred, failed: f.failed }));
  return lines;
}

/** "Ana on ana-laptop": the person's name when the server knows it, else their id. */
export function sideWho(side: ConflictSide, t: Translator): string {
  return t('sync.conflicts.by', { who: side.actorName ?? side.actor, device: side.device });
}

/** The comment that came with a flag or review decision, if the value carries one. */
export function sideComment(value: unknown): string | null {
  if (value && typeof value === 'object' && 'comment' in value) {
    const comment = (value as { comment: unknown }).comment;
    if (typeof comment === 'string' && comment.trim()) return comment;
  }
  return null;
}
