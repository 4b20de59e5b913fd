/**
 * The Sync panel: the server account (log in with address, user and password — the device token the server
 * gives stays in the library and is never shown — or log out), "Sync now" with what the run did, the changes the
 * server refused with their reasons and "Retry", and the file rule that holds source exports back until the
 * institute network. A native modal <dialog>; a running sync goes on in the service when it is closed.
 */
import { useEffect, useId, useState } from 'react';
import { useModalDialog } from '../components/use-modal-dialog.js';
import { formatError } from '../../shared/api/errors.js';
import type { SyncRunResult, SyncStatus } from '../../shared/sync/sync-view.js';
import { formatUtcTime } from '../format/format-values.js';
import type { Translator } from '../i18n/translate.js';
import { useT } from '../i18n/use-i18n.js';
import { useAppStore } from '../store/use-app-store.js';
import { trapTabKey } from '../components/trap-tab-key.js';
import { exampleFileRules, fileRulesWords, formatFileRules, parseFileRulesText } from './file-rules-text.js';
import { syncStore, useNow, useSyncStore } from './use-sync-store.js';
import { runResultLines, syncItemWords } from './sync-words.js';

function RunResultView({ result, t }: { result: SyncRunResult; t: Translator }) {
  return (
    <section className="cc-sync-result" data-testid="sync-result" data-online={result.online} aria-live="polite">
      <h3 className="cc-sync-subtitle">{t('sync.result.title', { time: formatUtcTime(result.finishedAt) })}</h3>
      {runResultLines(result, t).map((line, i) => (
        <p key={i} className={!result.online && i === 0 ? 'cc-sync-warn' : undefined}>
          {line}
        </p>
      ))}
      {result.errors.length > 0 && (
        <>
          <p className="cc-sync-bad">{t('sync.result.errors')}</p>
          <ul className="cc-sync-errors" data-testid="sync-result-errors">
            {result.errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function AccountSection({ status, busy, readOnly, t }: { status: SyncStatus | null; busy: boolean; readOnly: boolean; t: Translator }) {
  const serverId = useId();
  const userId = useId();
  const passwordId = useId();
  const [server, setServer] = useState(status?.serverUrl ?? '');
  const [user, setUser] = useState(status?.user ?? '');
  const [password, setPassword] = useState('');
  const login = useSyncStore((s) => s.login);
  const loggedOut = useSyncStore((s) => s.loggedOut);
  const running = useSyncStore((s) => s.running);

  // The fields start from the library's server and user once the status has been read.
  useEffect(() => {
    if (status?.serverUrl) setServer((v) => v || (status.serverUrl ?? ''));
    if (status?.user) setUser((v) => v || (status.user ?? ''));
  }, [status?.serverUrl, status?.user]);

  const configured = status?.configured ?? false;
  return (
    <section className="cc-sync-section" aria-labelledby={`${serverId}-title`}>
      <h3 id={`${serverId}-title`} className="cc-sync-subtitle">
        {t('sync.login.title')}
      </h3>
      {configured && status && (
        <p className="cc-sync-account" data-testid="sync-account">
          {t('sync.login.as', { server: status.serverUrl ?? '', user: status.user ?? '', role: status.role ?? '' })}
        </p>
      )}
      {login && (
        <p className="cc-sync-good" role="status" data-testid="sync-login-done">
          {t('sync.login.done', { server: login.serverUrl, user: login.user, role: login.role, device: login.device })}
        </p>
      )}
      {loggedOut && (
        <p className="cc-sync-good" role="status" data-testid="sync-logout-done">
          {t('sync.logout.done')}
        </p>
      )}
      <form
        className="cc-sync-login"
        onSubmit={(e) => {
          e.preventDefault();
          void syncStore
            .getState()
            .logIn(server, user, password)
            .then((ok) => {
              if (ok) setPassword('');
            });
        }}
      >
        <label htmlFor={serverId}>{t('sync.login.server')}</label>
        <input
          id={serverId}
          className="cc-path-field"
          type="url"
          value={server}
          placeholder="https://sync.institute.example"
          spellCheck={false}
          autoComplete="url"
          onChange={(e) => setServer(e.target.value)}
          data-testid="sync-server"
        />
        <label htmlFor={userId}>{t('sync.login.user')}</label>
        <input id={userId} className="cc-path-field" value={user} spellCheck={false} autoComplete="username" onChange={(e) => setUser(e.target.value)} data-testid="sync-user" />
        <label htmlFor={passwordId}>{t('sync.login.password')}</label>
        <input
          id={passwordId}
          className="cc-path-field"
          type="password"
          value={password}
          autoComplete="current-password"
          onChange={(e) => setPassword(e.target.value)}
          data-testid="sync-password"
        />
        <p className="cc-field-hint">{t('sync.login.hint')}</p>
        <div className="cc-sync-actions">
          <button
            type="submit"
            className={`cc-button${configured ? '' : ' cc-button-primary'}`}
            disabled={busy || readOnly || !server.trim() || !user.trim() || !password}
            data-testid="sync-login"
          >
            {running === 'login' ? t('sync.running.login') : configured ? t('sync.login.again') : t('sync.login.submit')}
          </button>
          {configured && (
            <button type="button" className="cc-button" title={t('sync.logout.hint')} disabled={busy || readOnly} onClick={() => void syncStore.getState().logOut()} data-testid="sync-logout">
              {t('sync.logout')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

function RefusalsSection({ status, busy, readOnly, t }: { status: SyncStatus; busy: boolean; readOnly: boolean; t: Translator }) {
  const retried = useSyncStore((s) => s.retried);
  const p = status.parked;
  const total = p.refused + p.failedFiles + p.refusedSamples;
  if (total === 0 && !retried) return null;
  return (
    <section className="cc-sync-section" data-testid="sync-refusals">
      <h3 className="cc-sync-subtitle">{t('sync.refusals.title')}</h3>
      {total > 0 && (
        <>
          <p className="cc-sync-bad">{t('sync.detail.parked', { refused: p.refused, files: p.failedFiles, samples: p.refusedSamples })}</p>
          <p className="cc-field-hint">{t('sync.refusals.intro')}</p>
          {status.refusals.length > 0 && (
            <ul className="cc-sync-errors" data-testid="sync-refusal-list">
              {status.refusals.map((r) => (
                <li key={r.seq}>
                  {t('sync.refusals.item', { seq: r.seq })}
                  {r.at ? ` (${t('sync.utc', { time: formatUtcTime(r.at) })})` : ''}: {r.reason}
                </li>
              ))}
            </ul>
          )}
          <div className="cc-sync-actions">
            <button type="button" className="cc-button" disabled={busy || readOnly} onClick={() => void syncStore.getState().retry()} data-testid="sync-retry">
              {t('sync.retry')}
            </button>
          </div>
        </>
      )}
      {retried && (
        <p className="cc-sync-good" role="status" data-testid="sync-retry-done">
          {t('sync.retry.done', { events: retried.events, files: retried.files })}
        </p>
      )}
    </section>
  );
}

function FileRulesSection({ busy, readOnly, t }: { busy: boolean; readOnly: boolean; t: Translator }) {
  const fieldId = useId();
  const hintId = useId();
  const savedRules = useSyncStore((s) => s.savedRules);
  // The rule in use comes with the sync status, so the editor opens on it.
  const inUse = useSyncStore((s) => s.status?.fileRules ?? null);
  const [text, setText] = useState(() => formatFileRules(savedRules?.rules ?? inUse));
  const [problem, setProblem] = useState<string | null>(null);
  const example = formatFileRules(exampleFileRules);
  return (
    <section className="cc-sync-section" data-testid="sync-rules">
      <h3 className="cc-sync-subtitle">{t('sync.rules.title')}</h3>
      <p className="cc-field-hint">{t('sync.rules.intro')}</p>
      <label htmlFor={fieldId}>{t('sync.rules.label')}</label>
      <textarea
        id={fieldId}
        className="cc-sync-rules-text"
        rows={5}
        value={text}
        spellCheck={false}
        aria-describedby={hintId}
        aria-invalid={problem !== null}
        placeholder={example}
        onChange={(e) => {
          setText(e.target.value);
          setProblem(null);
        }}
        data-testid="sync-rules-text"
      />
      <p id={hintId} className="cc-field-hint">
        {t('sync.rules.hint')}
      </p>
      <details className="cc-sync-example">
        <summary>{t('sync.rules.example')}</summary>
        <pre>{example}</pre>
        <p className="cc-field-hint">{fileRulesWords(exampleFileRules, t)}</p>
        <button type="button" className="cc-button cc-button-quiet" onClick={() => setText(example)} data-testid="sync-rules-example">
          {t('sync.rules.useExample')}
        </button>
      </details>
      {problem && (
        <p className="cc-sync-bad" role="alert" data-testid="sync-rules-problem">
          {problem}
        </p>
      )}
      {savedRules && !problem && (
        <p className="cc-sync-good" role="status" data-testid="sync-rules-saved">
          {t('sync.rules.saved', { rule: fileRulesWords(savedRules.rules, t) })}
        </p>
      )}
      <div className="cc-sync-actions">
        <button
          type="button"
          className="cc-button"
          disabled={busy || readOnly}
          onClick={() => {
            const parsed = parseFileRulesText(text, t);
            if (!parsed.ok) {
              setProblem(parsed.problem);
              return;
            }
            setProblem(null);
            void syncStore
              .getState()
              .saveRules(parsed.rules)
              .then((ok) => {
                if (ok) setText(formatFileRules(parsed.rules));
              });
          }}
          data-testid="sync-rules-save"
        >
          {t('sync.rules.save')}
        </button>
      </div>
    </section>
  );
}

export function SyncPanel() {
  const t = useT();
  const s = useSyncStore((state) => state);
  const readOnly = useAppStore((state) => state.status?.library.readOnly ?? false);
  const dialogRef = useModalDialog();
  const titleId = useId();
  const now = useNow();

  const busy = s.running !== null;
  const status = s.status;
  const words = status ? syncItemWords(status, now, t) : null;

  return (
    <dialog
      ref={dialogRef}
      className="cc-dialog cc-sync-dialog"
      aria-labelledby={titleId}
      data-testid="sync-panel"
      onKeyDown={trapTabKey}
      onCancel={(e) => {
        e.preventDefault();
        syncStore.getState().closePanel();
      }}
      onClose={(e) => {
        // A close queued by an effect cleanup (React's strict mode remounts) finds the dialog open again: ignore it.
        if (!e.currentTarget.open && syncStore.getState().open) syncStore.getState().closePanel();
      }}
    >
      <h2 id={titleId} className="cc-dialog-title">
        {t('sync.panel.title')}
      </h2>
      <p className="cc-sync-intro">{t('sync.panel.intro')}</p>
      {readOnly && <p className="cc-sync-warn">{t('sync.panel.readOnly')}</p>}
      {words && (
        <div className={`cc-sync-now cc-sync-${words.tone}`} data-testid="sync-panel-status">
          <p className="cc-sync-now-state">{[words.state, words.lastSync].filter(Boolean).join(' — ')}</p>
          <ul className="cc-sync-details">
            {words.details.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </div>
      )}

      <AccountSection status={status} busy={busy} readOnly={readOnly} t={t} />

      <section className="cc-sync-section">
        <h3 className="cc-sync-subtitle">{t('sync.run.title')}</h3>
        <div className="cc-sync-actions">
          <button
            type="button"
            className={`cc-button${status?.configured ? ' cc-button-primary' : ''}`}
            disabled={busy || readOnly || !status?.configured}
            title={status?.configured ? undefined : t('sync.run.needLogin')}
            onClick={() => void syncStore.getState().runSync()}
            data-testid="sync-run"
          >
            {s.running === 'sync' ? t('sync.running.sync') : t('sync.run')}
          </button>
          {!status?.configured && <span className="cc-field-hint">{t('sync.run.needLogin')}</span>}
        </div>
        {s.running === 'sync' && (
          <div className="cc-progress cc-progress-indeterminate cc-sync-progress" role="progressbar" aria-label={t('sync.running.sync')} data-testid="sync-progress">
            <div className="cc-progress-fill" />
          </div>
        )}
        {s.lastRun && <RunResultView result={s.lastRun} t={t} />}
      </section>

      {s.error && (
        <p className="cc-sync-bad" role="alert" data-testid="sync-error">
          {formatError(s.error)}
        </p>
      )}

      {status && <RefusalsSection status={status} busy={busy} readOnly={readOnly} t={t} />}
      <FileRulesSection busy={busy} readOnly={readOnly} t={t} />

      <div className="cc-dialog-actions">
        <button type="button" className="cc-button" onClick={() => syncStore.getState().closePanel()} data-testid="sync-close">
          {t('sync.panel.close')}
        </button>
      </div>
    </dialog>
  );
}
