/**
 * Choosing a term of an NVS vocabulary (L06, C17, L22, L05, P02, L08), offline: a button showing the chosen code
 * with its label, opening a search over the bundled (or updated) list — code, label, short label, deprecated terms
 * marked — with the list's version and origin below it. Arrow keys move, Enter chooses. The multi-term form (P02)
 * shows the chosen terms as removable chips beside an "Add" picker.
 */
import { useEffect, useId, useState } from 'react';
import { formatError, toErrorData } from '../../shared/api/errors.js';
import type { CurationErrorData } from '../../shared/api/errors.js';
import { PopoverButton } from '../components/review/popover-button.js';
import { useT } from '../i18n/use-i18n.js';
import { termCache, usePublishStore } from './use-publish-store.js';
import type { NvsTermInfo, VocabularyListing } from './vocabulary-terms.js';

/** The term of a code, read once from the service (undefined while asking, null when the list has no such code). */
export function useTerm(collection: string, code: string): NvsTermInfo | null | undefined {
  const revision = usePublishStore((s) => s.vocabularyRevision);
  const [term, setTerm] = useState<NvsTermInfo | null | undefined>(() => (code ? termCache.known(collection, code) : null));
  useEffect(() => {
    if (!code) {
      setTerm(null);
      return;
    }
    let live = true;
    setTerm(termCache.known(collection, code));
    termCache
      .term(collection, code)
      .then((found) => live && setTerm(found))
      .catch(() => live && setTerm(null));
    return () => {
      live = false;
    };
  }, [collection, code, revision]);
  return term;
}

/** "NVS L22 · version 749 · bundled", from the vocabulary status. */
export function VocabularySource({ collection }: { collection: string }) {
  const t = useT();
  const status = usePublishStore((s) => s.vocabularies?.find((c) => c.collection === collection));
  if (!status) return <span className="cc-muted cc-publish-vocab-source">{t('publish.vocab.nvs', { collection })}</span>;
  return (
    <span className="cc-muted cc-publish-vocab-source" title={status.title} data-testid={`vocab-source-${collection}`}>
      {t(status.source === 'updated' ? 'publish.vocab.sourceUpdated' : 'publish.vocab.sourceBundled', { collection, version: status.version, date: status.date.slice(0, 10) })}
      {status.problem ? ` — ${status.problem}` : ''}
    </span>
  );
}

function TermLabel({ collection, code }: { collection: string; code: string }) {
  const t = useT();
  const term = useTerm(collection, code);
  return (
    <>
      <span className="cc-mono">{code}</span>
      {term ? (
        <span className="cc-publish-term-label">
          {' — '}
          {term.label}
          {term.deprecated ? <span className="cc-publish-mark cc-publish-mark-warn"> {t('publish.vocab.deprecated')}</span> : null}
        </span>
      ) : term === null ? (
        <span className="cc-publish-mark cc-publish-mark-bad"> {t('publish.vocab.notInList', { collection })}</span>
      ) : null}
    </>
  );
}

function TermSearch({ collection, chosen, optional, onChoose }: { collection: string; chosen: readonly string[]; optional: boolean; onChoose(code: string | null): void }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [listing, setListing] = useState<VocabularyListing | null>(null);
  const [error, setError] = useState<CurationErrorData | null>(null);
  const revision = usePublishStore((s) => s.vocabularyRevision);
  const listId = useId();

  useEffect(() => {
    let live = true;
    const timer = setTimeout(
      () => {
        termCache
          .search(collection, query.trim(), 60)
          .then((l) => {
            if (!live) return;
            setListing(l);
            setError(null);
            setActive(0);
          })
          .catch((err: unknown) => live && setError(toErrorData(err)));
      },
      query ? 120 : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [collection, query, revision]);

  const terms = listing?.terms ?? [];
  return (
    <div className="cc-publish-picker" data-testid="vocab-panel" data-collection={collection}>
      <input
        type="search"
        className="cc-search cc-publish-picker-search"
        placeholder={t('publish.vocab.search', { collection })}
        aria-label={t('publish.vocab.search', { collection })}
        aria-controls={listId}
        aria-activedescendant={terms[active] ? `${listId}-${active}` : undefined}
        value={query}
        autoFocus
        data-testid="vocab-search"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const n = terms.length;
            if (n) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            const term = terms[active];
            if (term) onChoose(term.code);
          }
        }}
      />
      {error && (
        <p className="cc-publish-error" role="alert">
          {formatError(error)}
        </p>
      )}
      <ul id={listId} role="listbox" className="cc-publish-options" aria-label={t('publish.vocab.terms', { collection })}>
        {optional && (
          <li role="option" aria-selected={chosen.length === 0} className="cc-publish-option cc-publish-option-none" onMouseDown={(e) => e.preventDefault()} onClick={() => onChoose(null)} data-testid="vocab-option-none">
            {t('publish.vocab.none')}
          </li>
        )}
        {terms.map((term, i) => (
          <li
            key={term.code}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={chosen.includes(term.code)}
            className={`cc-publish-option${i === active ? ' cc-publish-option-active' : ''}`}
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => onChoose(term.code)}
            data-testid="vocab-option"
            data-code={term.code}
          >
            <span>
              <span className="cc-mono cc-publish-option-code">{term.code}</span> {term.label}
              {term.deprecated && <span className="cc-publish-mark cc-publish-mark-warn"> {t('publish.vocab.deprecated')}</span>}
            </span>
            {term.shortLabel && term.shortLabel !== term.label && <span className="cc-muted cc-publish-option-detail">{term.shortLabel}</span>}
          </li>
        ))}
        {listing && terms.length === 0 && <li className="cc-muted cc-publish-option-empty">{t('publish.vocab.noMatch')}</li>}
      </ul>
      {listing && (
        <p className="cc-muted cc-publish-picker-foot">
          {t('publish.vocab.shown', { shown: terms.length, total: listing.total })} · <VocabularySource collection={collection} />
        </p>
      )}
    </div>
  );
}

export interface VocabularyPickerProps {
  collection: string;
  value: string;
  onChange(code: string): void;
  optional?: boolean;
  control: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean };
  label: string;
}

export function VocabularyPicker({ collection, value, onChange, optional = false, control, label }: VocabularyPickerProps) {
  const t = useT();
  return (
    <div className="cc-publish-picker-field" id={control.id} tabIndex={-1} aria-describedby={control['aria-describedby']}>
      <PopoverButton
        label={value ? <TermLabel collection={collection} code={value} /> : <span className="cc-muted">{t('publish.vocab.choose')}</span>}
        ariaLabel={t('publish.vocab.pickerLabel', { field: label, value: value || t('publish.vocab.none') })}
        className={`cc-publish-picker-button${control['aria-invalid'] ? ' cc-publish-picker-invalid' : ''}`}
        testId={`vocab-picker-${collection}`}
      >
        {(close) => (
          <TermSearch
            collection={collection}
            chosen={value ? [value] : []}
            optional={optional}
            onChoose={(code) => {
              onChange(code ?? '');
              close();
            }}
          />
        )}
      </PopoverButton>
      <VocabularySource collection={collection} />
    </div>
  );
}

/** Several terms of one vocabulary (P02): chips with a remove button, and a picker that adds one. */
export function VocabularyMultiPicker({ collection, values, onChange, control, label }: { collection: string; values: readonly string[]; onChange(codes: string[]): void; control: VocabularyPickerProps['control']; label: string }) {
  const t = useT();
  return (
    <div className="cc-publish-picker-field" id={control.id} tabIndex={-1} aria-describedby={control['aria-describedby']}>
      {values.length > 0 && (
        <ul className="cc-publish-chips" aria-label={label} data-testid={`vocab-chosen-${collection}`}>
          {values.map((code) => (
            <li key={code} className="cc-publish-chip" data-code={code}>
              <span className="cc-publish-chip-text">
                <TermLabel collection={collection} code={code} />
              </span>
              <button type="button" className="cc-icon-button" aria-label={t('publish.vocab.remove', { code })} title={t('publish.vocab.remove', { code })} onClick={() => onChange(values.filter((v) => v !== code))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <PopoverButton label={t('publish.vocab.add')} ariaLabel={t('publish.vocab.addTo', { field: label })} className="cc-publish-picker-button" testId={`vocab-picker-${collection}`}>
        {(close) => (
          <TermSearch
            collection={collection}
            chosen={values}
            optional={false}
            onChoose={(code) => {
              if (code && !values.includes(code)) onChange([...values, code]);
              close();
            }}
          />
        )}
      </PopoverButton>
      <VocabularySource collection={collection} />
    </div>
  );
}
