/**
 * A standard group name as shown everywhere it is used: the name, and beside it "unverified" when its vocabulary
 * entry has not been confirmed against NVS, or "not in the vocabulary" for a name the table does not have.
 */
import { useEffect, useMemo } from 'react';
import { useT } from '../i18n/use-i18n.js';
import type { GroupStatus } from './group-search.js';
import { groupStatus, vocabularyIndex } from './group-search.js';
import { gatingStore, useGatingStore } from './use-gating-store.js';

export function useGroupStatus(): (group: string) => GroupStatus | null {
  const vocabulary = useGatingStore((s) => s.vocabulary);
  useEffect(() => {
    void gatingStore.getState().ensureVocabulary();
  }, []);
  const index = useMemo(() => vocabularyIndex(vocabulary), [vocabulary]);
  return (group) => (vocabulary.length === 0 ? null : groupStatus(index, group));
}

export function GroupMark({ status }: { status: GroupStatus | null }) {
  const t = useT();
  if (status === 'unverified')
    return (
      <span className="cc-group-mark cc-group-unverified" title={t('gating.unverifiedHint')} data-testid="unverified-mark">
        {t('gating.unverified')}
      </span>
    );
  if (status === 'unknown')
    return (
      <span className="cc-group-mark cc-group-unknown" title={t('gating.notInVocabularyHint')}>
        {t('gating.notInVocabulary')}
      </span>
    );
  return null;
}

export function GroupName({ group }: { group: string }) {
  const status = useGroupStatus()(group);
  return (
    <span className="cc-group-name" data-group-status={status ?? 'loading'}>
      {group}
      {status && status !== 'verified' && ' '}
      <GroupMark status={status} />
    </span>
  );
}
