/**
 * The Publish view: the library's datasets with "New dataset" (from the table's selection, its filtered set, or
 * every approved sample), "Validate a file…" and the NVS vocabularies; below them the open dataset's editor with
 * "What is missing" and the export. The review keys act on an open sample: it is closed here, so a digit typed
 * outside a field cannot flag a sample this view does not show.
 */
import { useEffect, useState } from 'react';
import { useT } from '../i18n/use-i18n.js';
import { useAppStore } from '../store/use-app-store.js';
import { reviewStore } from '../store/use-review-store.js';
import { DatasetEditor } from './dataset-editor.js';
import { DatasetList } from './dataset-list.js';
import { SourceMenu } from './source-menu.js';
import { publishStore, usePublishFeed, usePublishStore } from './use-publish-store.js';
import { ValidateFileButton } from './validate-file-dialog.js';
import { VocabularyPanel } from './vocabulary-panel.js';
import './publish.css';

export function PublishView() {
  const t = useT();
  const library = useAppStore((s) => s.status?.library);
  const editing = usePublishStore((s) => s.editing);
  const [vocabOpen, setVocabOpen] = useState(false);
  usePublishFeed();
  useEffect(() => {
    reviewStore.getState().closeSample();
  }, []);

  if (!library) return <main className="cc-main cc-main-loading" aria-busy="true" />;

  return (
    <main className="cc-main cc-publish" data-testid="publish-view">
      <div className="cc-publish-top">
        <div className="cc-publish-toolbar" role="toolbar" aria-label={t('publish.toolbar')}>
          <SourceMenu label={t('publish.newDataset')} testId="dataset-new" disabled={library.readOnly} onChoose={(source) => void publishStore.getState().newDataset(source)} />
          <ValidateFileButton />
          <button type="button" className="cc-button cc-button-compact" onClick={() => setVocabOpen(true)} data-testid="vocabulary-open">
            {t('publish.vocab.open')}
          </button>
          {library.readOnly && <span className="cc-muted">{t('publish.readOnly')}</span>}
        </div>
        <DatasetList />
      </div>
      <div className="cc-publish-body">
        {editing ? (
          <DatasetEditor />
        ) : (
          <div className="cc-publish-intro">
            <p>{t('publish.intro')}</p>
            <p className="cc-muted">{t('publish.introRules')}</p>
          </div>
        )}
      </div>
      {vocabOpen && <VocabularyPanel onClose={() => setVocabOpen(false)} />}
    </main>
  );
}
