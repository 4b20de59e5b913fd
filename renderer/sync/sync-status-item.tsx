/**
 * The status bar's sync item: not set up / online / offline (last contact), last sync, what waits, open
 * conflicts and parked errors; every detail in its tooltip; a click opens the Sync panel. Until the sync status
 * is known, the status bar's earlier server words (`fallback`) stand in its place.
 */
import type { ReactNode } from 'react';
import { useT } from '../i18n/use-i18n.js';
import { syncStore, useNow, useSyncStore } from './use-sync-store.js';
import { parkedErrorCount, syncItemWords, waitingCount } from './sync-words.js';
import './sync.css';

export function SyncStatusItem({ fallback }: { fallback?: ReactNode }) {
  const t = useT();
  const status = useSyncStore((s) => s.status);
  const running = useSyncStore((s) => s.running === 'sync');
  const now = useNow();
  if (!status) return <>{fallback}</>;
  const words = syncItemWords(status, now, t);
  const parts = [
    words.lastSync && { key: 'last', text: words.lastSync },
    words.waiting && { key: 'waiting', text: words.waiting },
    words.conflicts && { key: 'conflicts', text: words.conflicts },
    words.errors && { key: 'errors', text: words.errors },
  ].filter((p): p is { key: string; text: string } => Boolean(p));
  return (
    <button
      type="button"
      className={`cc-status-item cc-sync-item cc-sync-${words.tone}`}
      title={[...words.details, t('sync.item.hint')].join('\n')}
      data-testid="sync-status"
      data-tone={words.tone}
      data-online={status.configured ? String(status.online) : 'unconfigured'}
      data-conflicts={status.openConflicts}
      data-errors={parkedErrorCount(status)}
      data-waiting={waitingCount(status)}
      onClick={() => syncStore.getState().openPanel()}
    >
      <span className="cc-status-dot cc-sync-dot" aria-hidden="true" />
      <span data-testid="sync-state">{running ? t('sync.running.sync') : words.state}</span>
      {parts.map((p) => (
        <span key={p.key} className={`cc-sync-part cc-sync-part-${p.key}`} data-testid={`sync-${p.key}`}>
          {p.text}
        </span>
      ))}
    </button>
  );
}
