/**
 * The conflicts panel at the top of the workstation, shown while conflicts are open: per conflict what it is
 * about, this library's version and the server's side by side (what, who, on which device, when), and the
 * choice "Keep mine" / "Take theirs". A conflict whose server event has not been pulled yet cannot be settled:
 * it says to sync once more. Other changes keep syncing meanwhile; only the conflicting ones wait here.
 */
import { formatError } from '../../shared/api/errors.js';
import type { ConflictSide, ConflictView } from '../../shared/sync/sync-view.js';
import { formatUtcTime } from '../format/format-values.js';
import type { Translator } from '../i18n/translate.js';
import { useT } from '../i18n/use-i18n.js';
import { useAppStore } from '../store/use-app-store.js';
import { syncStore, useSyncStore } from './use-sync-store.js';
import { sideComment, sideWho } from './sync-words.js';

function Side({ side, which, t }: { side: ConflictSide; which: 'mine' | 'theirs'; t: Translator }) {
  const comment = sideComment(side.value);
  return (
    <div className={`cc-conflict-side cc-conflict-${which}`} data-testid={`conflict-${which}`}>
      <div className="cc-conflict-side-head">{which === 'mine' ? t('sync.conflicts.mine') : t('sync.conflicts.theirs')}</div>
      <div className="cc-conflict-summary" data-testid={`conflict-${which}-summary`}>
        {side.summary}
      </div>
      {comment && <div className="cc-conflict-comment">{t('sync.conflicts.comment', { comment })}</div>}
      <div className="cc-conflict-who" data-testid={`conflict-${which}-who`}>
        {sideWho(side, t)}
      </div>
      <div className="cc-conflict-when">{t('sync.utc', { time: formatUtcTime(side.at) })}</div>
    </div>
  );
}

function ConflictRow({ conflict, busy, readOnly, t }: { conflict: ConflictView; busy: boolean; readOnly: boolean; t: Translator }) {
  const resolve = (choice: 'mine' | 'theirs') => void syncStore.getState().resolve(conflict.id, choice);
  const disabled = busy || readOnly || !conflict.ready;
  return (
    <li className="cc-conflict" data-testid="conflict" data-conflict-id={conflict.id} data-ready={conflict.ready}>
      <div className="cc-conflict-label" data-testid="conflict-label">
        {conflict.label}
      </div>
      <div className="cc-conflict-sides">
        <Side side={conflict.mine} which="mine" t={t} />
        <Side side={conflict.theirs} which="theirs" t={t} />
      </div>
      <div className="cc-conflict-actions">
        {conflict.ready ? (
          <>
            <button type="button" className="cc-button" disabled={disabled} onClick={() => resolve('mine')} data-testid="conflict-keep-mine">
              {t('sync.conflicts.keepMine')}
            </button>
            <button type="button" className="cc-button" disabled={disabled} onClick={() => resolve('theirs')} data-testid="conflict-take-theirs">
              {t('sync.conflicts.takeTheirs')}
            </button>
          </>
        ) : (
          <span className="cc-conflict-not-ready" data-testid="conflict-not-ready">
            {t('sync.conflicts.notReady')}
          </span>
        )}
      </div>
    </li>
  );
}

export function ConflictsPanel() {
  const t = useT();
  const conflicts = useSyncStore((s) => s.conflicts);
  const resolving = useSyncStore((s) => s.resolving);
  const running = useSyncStore((s) => s.running);
  // A sync started here reports its failure here when the Sync panel is closed.
  const error = useSyncStore((s) => s.conflictError ?? (s.open || s.conflicts.length === 0 ? null : s.error));
  const readOnly = useAppStore((s) => s.status?.library.readOnly ?? false);
  if (conflicts.length === 0 && !error) return null;
  const anyNotReady = conflicts.some((c) => !c.ready);

  return (
    <section className="cc-conflicts" aria-label={t('sync.conflicts.label')} data-testid="conflicts-panel">
      {conflicts.length > 0 && (
        <div className="cc-conflicts-head">
          <strong>{t.plural('sync.conflicts.title', conflicts.length)}</strong>
          <span className="cc-conflicts-intro">{t('sync.conflicts.intro')}</span>
          {anyNotReady && (
            <button type="button" className="cc-button cc-button-quiet" disabled={running !== null || readOnly} onClick={() => void syncStore.getState().runSync()} data-testid="conflicts-sync">
              {running === 'sync' ? t('sync.running.sync') : t('sync.run')}
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="cc-sync-bad" role="alert" data-testid="conflicts-error">
          {formatError(error)}
        </p>
      )}
      <ul className="cc-conflict-list">
        {conflicts.map((c) => (
          <ConflictRow key={c.id} conflict={c} busy={resolving !== null} readOnly={readOnly} t={t} />
        ))}
      </ul>
    </section>
  );
}
