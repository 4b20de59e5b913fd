/**
 * The bundled, editable table of standard flow-cytometry group names (resources/vocabularies), read once per
 * service. A library-local copy (vocabularies/flow-cytometry-groups.json in the library folder) takes precedence,
 * so a site can add its own local groups without editing the product.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CurationError } from '../../shared/api/errors.js';
import type { GroupVocabularyEntryInfo } from '../../shared/api/gating-contract.js';
import { findGroup, parseGroupVocabulary } from '../../shared/gating/group-vocabulary/group-vocabulary.js';
import type { GroupVocabulary } from '../../shared/gating/group-vocabulary/group-vocabulary.js';
import { resourcesDir } from '../common/app-paths.js';

export const groupVocabularyFileName = 'flow-cytometry-groups.json';

export interface LoadedGroupVocabulary {
  file: string;
  /** The standard name for a set name or alias, or null when the vocabulary has none. */
  standardName(setName: string): string | null;
  info(): { entries: GroupVocabularyEntryInfo[]; version: string; note: string };
  /** The entry of a standard name (or alias), with its codes. */
  entry(name: string): GroupVocabularyEntryInfo | null;
}

/** The library's own copy when it has one, else the bundled table. */
export function groupVocabularyFile(libraryDir: string | null): string {
  const local = libraryDir ? path.join(libraryDir, 'vocabularies', groupVocabularyFileName) : null;
  return local && fs.existsSync(local) ? local : path.join(resourcesDir(), 'vocabularies', groupVocabularyFileName);
}

export function loadGroupVocabulary(file: string): LoadedGroupVocabulary {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CurationError({ code: 'invalid-input', file, message: `cannot read the group vocabulary: ${(err as Error).message}` });
  }
  let vocabulary: GroupVocabulary;
  try {
    vocabulary = parseGroupVocabulary(raw);
  } catch (err) {
    if (err instanceof CurationError) throw new CurationError({ ...err.toJSON(), file });
    throw err;
  }
  const toInfo = (e: GroupVocabulary['entries'][number]): GroupVocabularyEntryInfo => ({
    name: e.name,
    label: e.label,
    aliases: [...e.aliases],
    p01: e.p01,
    p02: e.p02,
    p06: e.p06,
    somlit: e.somlit,
    nameStatus: e.nameStatus,
    verified: e.verified,
  });
  return {
    file,
    standardName: (name) => findGroup(vocabulary, name)?.name ?? null,
    entry: (name) => {
      const e = findGroup(vocabulary, name);
      return e ? toInfo(e) : null;
    },
    info: () => ({
      version: vocabulary.version,
      note: vocabulary.note,
      entries: vocabulary.entries.map(toInfo),
    }),
  };
}
