/** Where the open library lives, how many samples it holds, and the sync server's state in plain words. */
import { serverStatusWords } from '../format/server-status-words.js';
import { formatUtcTime } from '../format/format-values.js';
import { useT } from '../i18n/use-i18n.js';
import { useAppStore } from '../store/use-app-store.js';
import { BackupStatusItem } from '../backup/backup-status.js';
import { SyncStatusItem } from '../sync/sync-status-item.js';

export function StatusBar() {
  const status = useAppStore((s) => s.status);
  const t = useT();

  if (!status) {
    return (
      <footer className="cc-status-bar" data-testid="status-bar">
        <span role="status">{t('status.connecting')}</span>
      </footer>
    );
  }

  const { library, server } = status;
  const words = serverStatusWords(server, t);
  const serverTitle = [server.url ?? t('status.noServerUrl'), server.checkedAt ? t('status.checked', { time: formatUtcTime(server.checkedAt) }) : '']
    .filter(Boolean)
    .join(' — ');
  const count = library.sampleCount;

  return (
    <footer className="cc-status-bar" data-testid="status-bar">
      <span className="cc-status-path" title={library.path}>
        {library.path}
      </span>
      <span className="cc-status-sep" aria-hidden="true" />
      <span data-testid="sample-count">
        {t.plural('status.samples', count)}
      </span>
      <span className="cc-status-sep" aria-hidden="true" />
      {/* The library's sync state replaces the server words once it is known. */}
      <SyncStatusItem
        fallback={
          <span role="status" className={`cc-server cc-server-${words.tone}`} title={serverTitle} data-testid="server-status">
            <span className="cc-status-dot cc-server-dot" aria-hidden="true" />
            {words.text}
          </span>
        }
      />
      <span className="cc-status-sep" aria-hidden="true" />
      <BackupStatusItem />
      <span className="cc-status-version">v{status.version}</span>
    </footer>
  );
}
