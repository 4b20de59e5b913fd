/**
 * The standard flow-cytometry group names (Thyssen et al. 2022 / NVS F02) with their aliases and candidate codes,
 * from the bundled, user-editable `resources/vocabularies/flow-cytometry-groups.json`. The caller reads the file
 * and passes the parsed JSON; this module validates it and looks names up.
 *
 * Lookups ignore case, spaces, punctuation and accents (`Ora Pico Prok`, `orapicoprok`, `OraNano_crypto`), so a
 * name or alias must not repeat across entries once normalised — that is an error, with both places named.
 */
import { CurationError } from '../../api/errors.js';

export type GroupNameStatus = 'standard' | 'unsure' | 'local';

export interface GroupVocabularyEntry {
  /** The standard name (`OraPicoProk`). */
  name: string;
  /** Plain description. */
  label: string;
  /** Older identifiers (`ORGPICOPRO`), common CytoClus set names (`Synechococcus`), case variants. */
  aliases: string[];
  /** NVS F02 concept notation, or null. */
  f02: string | null;
  /** Candidate NVS P01 parameter code (abundance by flow cytometry), or null. */
  p01: string | null;
  /** P02 discovery parameter (`PNTX` phytoplankton, `BNTX` bacteria). */
  p02: string | null;
  /** P06 unit of the abundance (`UCML`, cells per mL). */
  p06: string | null;
  /** SOMLIT column prefix (`SYN` → `SYNC`, `SYNSSC`, …), or null. */
  somlit: string | null;
  /** standard: an F02 name; unsure: maybe one, not confirmed; local: a local variant, not in F02. */
  nameStatus: GroupNameStatus;
  /** True only once the F02 and P01 codes were checked against NVS. */
  verified: boolean;
  comment?: string;
}

export interface GroupVocabulary {
  version: string;
  source: string;
  note: string;
  entries: GroupVocabularyEntry[];
}

const GROUP_KEYS = ['name', 'label', 'aliases', 'f02', 'p01', 'p02', 'p06', 'somlit', 'nameStatus', 'verified', 'comment'] as const;
const TOP_KEYS = ['version', 'source', 'note', 'entries'] as const;
const NAME_STATUSES: readonly GroupNameStatus[] = ['standard', 'unsure', 'local'];

/** NVS notations: P01 codes are 8 characters, P02 and P06 4; F02 notations and SOMLIT prefixes are short words. */
const CODE_FORMATS = {
  f02: { pattern: /^[A-Za-z0-9_]{1,40}$/, what: 'an F02 concept notation (letters, digits, _)' },
  p01: { pattern: /^[A-Z0-9]{8}$/, what: 'an 8-character P01 code (capital letters and digits)' },
  p02: { pattern: /^[A-Z0-9]{4}$/, what: 'a 4-character P02 code' },
  p06: { pattern: /^[A-Z0-9]{4}$/, what: 'a 4-character P06 code' },
  somlit: { pattern: /^[A-Z0-9]{1,20}$/, what: 'a SOMLIT column prefix (capital letters and digits)' },
} as const;

/** Lower case, accents removed, everything but letters and digits dropped. */
export function normaliseGroupName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function fail(field: string, message: string): never {
  throw new CurationError({ code: 'invalid-input', field, message });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'string' ? JSON.stringify(v) : typeof v);

function parseEntry(value: unknown, index: number): GroupVocabularyEntry {
  const at = `entries[${index}]`;
  if (!isRecord(value)) fail(at, `${at} must be an object, got ${describe(value)}`);
  const named = typeof value.name === 'string' && value.name.trim() !== '' ? `${at} (${JSON.stringify(value.name)})` : at;
  const field = (key: string) => `${at}.${key}`;
  for (const key of Object.keys(value)) {
    if (!(GROUP_KEYS as readonly string[]).includes(key)) fail(field(key), `${named}: unknown field ${JSON.stringify(key)} (expected ${GROUP_KEYS.join(', ')})`);
  }
  const text = (key: 'name' | 'label'): string => {
    const v = value[key];
    if (typeof v !== 'string' || v.trim() === '') fail(field(key), `${named}: ${key} must be a non-empty text, got ${describe(v)}`);
    return v.trim();
  };
  const code = (key: keyof typeof CODE_FORMATS): string | null => {
    const v = value[key];
    if (v === undefined) fail(field(key), `${named}: ${key} is missing (write null when there is none)`);
    if (v === null) return null;
    const { pattern, what } = CODE_FORMATS[key];
    if (typeof v !== 'string' || !pattern.test(v)) fail(field(key), `${named}: ${key} must be ${what} or null, got ${describe(v)}`);
    return v;
  };
  const name = text('name');
  const label = text('label');
  const aliasesValue = value.aliases;
  if (!Array.isArray(aliasesValue)) fail(field('aliases'), `${named}: aliases must be a list of names (possibly empty), got ${describe(aliasesValue)}`);
  const aliases = aliasesValue.map((a: unknown, k: number): string => {
    if (typeof a !== 'string' || normaliseGroupName(a) === '') fail(`${field('aliases')}[${k}]`, `${named}: alias ${k} must be a name with letters or digits, got ${describe(a)}`);
    return a.trim();
  });
  if (normaliseGroupName(name) === '') fail(field('name'), `${named}: name must contain letters or digits`);
  const status = value.nameStatus;
  if (typeof status !== 'string' || !(NAME_STATUSES as readonly string[]).includes(status)) {
    fail(field('nameStatus'), `${named}: nameStatus must be one of ${NAME_STATUSES.join(', ')}, got ${describe(status)}`);
  }
  if (typeof value.verified !== 'boolean') fail(field('verified'), `${named}: verified must be true or false, got ${describe(value.verified)}`);
  const group: GroupVocabularyEntry = {
    name,
    label,
    aliases,
    f02: code('f02'),
    p01: code('p01'),
    p02: code('p02'),
    p06: code('p06'),
    somlit: code('somlit'),
    nameStatus: status as GroupNameStatus,
    verified: value.verified,
  };
  if (value.comment !== undefined) {
    if (typeof value.comment !== 'string') fail(field('comment'), `${named}: comment must be text, got ${describe(value.comment)}`);
    group.comment = value.comment;
  }
  return group;
}

/**
 * Validates the vocabulary JSON (already parsed). Throws a CurationError (invalid-input) whose field is the path
 * (`entries[3].p01`) and whose message names the entry index and the group name.
 */
export function parseGroupVocabulary(value: unknown): GroupVocabulary {
  if (!isRecord(value)) fail('vocabulary', `the group vocabulary must be a JSON object, got ${describe(value)}`);
  for (const key of Object.keys(value)) {
    if (!(TOP_KEYS as readonly string[]).includes(key)) fail(key, `unknown top-level field ${JSON.stringify(key)} (expected ${TOP_KEYS.join(', ')})`);
  }
  for (const key of ['version', 'source', 'note'] as const) {
    const v = value[key];
    if (typeof v !== 'string' || v.trim() === '') fail(key, `${key} must be a non-empty text, got ${describe(v)}`);
  }
  if (!Array.isArray(value.entries) || value.entries.length === 0) fail('entries', `entries must be a non-empty list, got ${describe(value.entries)}`);
  const entries = value.entries.map((g: unknown, i: number) => parseEntry(g, i));

  // Every normalised name and alias belongs to one entry only, so a lookup has one answer.
  const owner = new Map<string, { index: number; written: string }>();
  entries.forEach((g, i) => {
    for (const written of [g.name, ...g.aliases]) {
      const key = normaliseGroupName(written);
      const first = owner.get(key);
      if (first && first.index !== i) {
        const firstName = entries[first.index]?.name ?? '';
        fail(`entries[${i}]`, `entries[${i}] (${JSON.stringify(g.name)}): ${JSON.stringify(written)} is already used by entries[${first.index}] (${JSON.stringify(firstName)}) as ${JSON.stringify(first.written)}`);
      }
      if (!first) owner.set(key, { index: i, written });
    }
  });
  return { version: value.version as string, source: value.source as string, note: value.note as string, entries };
}

/** The group whose name or alias matches, ignoring case, spaces, punctuation and accents; null when none does. */
export function findGroup(vocabulary: GroupVocabulary, name: string): GroupVocabularyEntry | null {
  const key = normaliseGroupName(name);
  if (key === '') return null;
  for (const group of vocabulary.entries) {
    if (normaliseGroupName(group.name) === key) return group;
  }
  for (const group of vocabulary.entries) {
    if (group.aliases.some((a) => normaliseGroupName(a) === key)) return group;
  }
  return null;
}

/** A short mark for the UI and exported metadata when the entry's codes are not confirmed; null when verified. */
export function unverifiedMark(entry: Pick<GroupVocabularyEntry, 'verified' | 'nameStatus'>): string | null {
  if (entry.verified) return null;
  switch (entry.nameStatus) {
    case 'standard':
      return 'unverified: F02/P01 codes not checked against NVS';
    case 'unsure':
      return 'unverified: name not confirmed in F02, codes not checked against NVS';
    case 'local':
      return 'unverified: local name, not in F02';
  }
}
