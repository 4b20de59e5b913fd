/**
 * Choosing a set's standard group: a button showing the group (with its unverified mark), opening a searchable list
 * of the vocabulary — name, label, codes, and marks for unverified entries and for names that are not standard F02
 * names. Arrow keys move through the list, Enter chooses.
 */
import { useId, useMemo, useState } from 'react';
import type { GroupVocabularyEntryInfo } from '../../shared/api/gating-contract.js';
import { PopoverButton } from '../components/review/popover-button.js';
import { useT } from '../i18n/use-i18n.js';
import { GroupMark, GroupName } from './group-name.js';
import { searchVocabulary } from './group-search.js';
import { useGatingStore } from './use-gating-store.js';

function EntryOption({ entry, active, chosen, onChoose, id }: { entry: GroupVocabularyEntryInfo; active: boolean; chosen: boolean; onChoose(): void; id: string }) {
  const t = useT();
  const codes = [entry.p01 && `P01 ${entry.p01}`, entry.somlit && `SOMLIT ${entry.somlit}`].filter(Boolean).join(' · ');
  return (
    <li
      id={id}
      role="option"
      aria-selected={chosen}
      className={`cc-group-option${active ? ' cc-group-option-active' : ''}`}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onChoose}
      data-testid="group-option"
      data-group={entry.name}
    >
      <span className="cc-group-option-name">
        {entry.name} <GroupMark status={entry.verified ? 'verified' : 'unverified'} />
        {entry.nameStatus !== 'standard' && (
          <span className="cc-group-mark cc-group-status" title={t(`gating.nameStatusHint.${entry.nameStatus}`)}>
            {t(`gating.nameStatus.${entry.nameStatus}`)}
          </span>
        )}
      </span>
      {(entry.label !== entry.name || codes) && (
        <span className="cc-group-option-detail cc-muted">
          {entry.label !== entry.name ? entry.label : ''}
          {entry.label !== entry.name && codes ? ' — ' : ''}
          {codes}
        </span>
      )}
    </li>
  );
}

export function GroupPicker({ setName, value, disabled, onChange }: { setName: string; value: string | null; disabled: boolean; onChange(group: string | null): void }) {
  const t = useT();
  const entries = useGatingStore((s) => s.vocabulary);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const found = useMemo(() => searchVocabulary(entries, query, 200), [entries, query]);

  return (
    <PopoverButton
      label={value ? <GroupName group={value} /> : <span className="cc-muted">{t('gating.noGroup')}</span>}
      ariaLabel={t('gating.groupOf', { set: setName, group: value ?? t('gating.noGroup') })}
      disabled={disabled}
      className="cc-group-button"
      testId="group-picker"
    >
      {(close) => {
        const choose = (group: string | null) => {
          onChange(group);
          setQuery('');
          setActive(0);
          close();
        };
        return (
          <div className="cc-group-picker" data-testid="group-picker-panel">
            <input
              type="search"
              className="cc-search cc-group-search"
              placeholder={t('gating.searchGroups')}
              aria-label={t('gating.searchGroups')}
              aria-controls={listId}
              aria-activedescendant={found[active] ? `${listId}-${active}` : undefined}
              value={query}
              autoFocus
              data-testid="group-search"
              onChange={(e) => {
                setQuery(e.target.value);
                setActive(0);
              }}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  const n = found.length;
                  if (n) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
                } else if (e.key === 'Enter') {
                  e.preventDefault();
                  const entry = found[active];
                  if (entry) choose(entry.name);
                }
              }}
            />
            {entries.length === 0 ? (
              <p className="cc-muted">{t('gating.vocabularyLoading')}</p>
            ) : (
              <ul id={listId} role="listbox" className="cc-group-options" aria-label={t('gating.groups')}>
                <li
                  role="option"
                  aria-selected={value === null}
                  className="cc-group-option cc-group-option-none"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => choose(null)}
                  data-testid="group-option-none"
                >
                  {t('gating.noGroup')}
                </li>
                {found.map((entry, i) => (
                  <EntryOption key={entry.name} id={`${listId}-${i}`} entry={entry} active={i === active} chosen={entry.name === value} onChoose={() => choose(entry.name)} />
                ))}
                {found.length === 0 && <li className="cc-muted cc-group-option-empty">{t('gating.noGroupMatch')}</li>}
              </ul>
            )}
          </div>
        );
      }}
    </PopoverButton>
  );
}
