/**
 * One NVS (NERC Vocabulary Server) collection as CytoCurator keeps it: the collection id (`L22`), its version and
 * date, and its terms with their code, label and short label. Read from the Octopus flat-XML extracts
 * (parse-octopus-vocabulary.ts), from NVS itself (parse-nvs-json-ld.ts) or from the compact JSON the product ships
 * (collection-json.ts); see ../shared/docs/formats-seadatanet.md §6.
 */
import type { FormatIssue } from '../../formats/format-issue.js';

export interface NvsTerm {
  /** The code within the collection (`TOOL1209`, `UCML`, `1`). */
  code: string;
  /** `SDN:<collection>::<code>` (`SDN:L22::TOOL1209`), the form SeaDataNet files cite. */
  urn: string;
  /** NVS preferred label (skos:prefLabel). */
  label: string;
  /** NVS abbreviation (Octopus `shortLabel`, NVS skos:altLabel), when the term has one. */
  shortLabel?: string;
  /** Last change of the term, `YYYY-MM-DDTHH:MM:SS` as NVS gives it (no zone), when known. */
  date?: string;
  /** Withdrawn from the collection (owl:deprecated): kept so older records still resolve, not offered for new ones. */
  deprecated?: boolean;
  /** Octopus C17 extracts group the platforms (`research vessel`, `fishing vessel`, …). */
  group?: string;
}

export interface NvsCollection {
  /** Collection id: a capital letter and two capital letters or digits (`L22`, `P06`, `C17`). */
  collection: string;
  /** NVS collection version (owl:versionInfo), e.g. `749`; '' when the source did not say. */
  version: string;
  /** Date of that version, `YYYY-MM-DDTHH:MM:SS`; '' when unknown. */
  date: string;
  title: string;
  /** Where the terms came from (a file of the Octopus repository, or the NVS address and retrieval time). */
  origin?: string;
  terms: NvsTerm[];
}

/** A parsed collection and the problems found on the way (bad elements are reported and left out). */
export interface NvsParseResult {
  vocabulary: NvsCollection;
  issues: FormatIssue[];
}

const COLLECTION_ID = /^[A-Z][A-Z0-9]{2}$/;

export function isCollectionId(value: string): boolean {
  return COLLECTION_ID.test(value);
}

export function termUrn(collection: string, code: string): string {
  return `SDN:${collection}::${code}`;
}

/**
 * `SDN:L22::TOOL1209` (the version between the colons may be given: `SDN:L22:749:TOOL1209`) → collection and code;
 * null for anything else.
 */
export function parseTermUrn(urn: string): { collection: string; code: string } | null {
  const m = /^SDN:([A-Z][A-Z0-9]{2}):[^:\s]*:(\S+)$/.exec(urn.trim());
  return m ? { collection: m[1] as string, code: m[2] as string } : null;
}

/** `…/collection/L22/current/TOOL1209/` (any host, any version segment) → collection and code; null otherwise. */
export function parseTermUrl(url: string): { collection: string; code: string } | null {
  const m = /\/collection\/([A-Z][A-Z0-9]{2})\/(?:current|\d+)\/([^/?#\s]+)\/?(?:[?#].*)?$/.exec(url.trim());
  if (!m) return null;
  let code = m[2] as string;
  try {
    code = decodeURIComponent(code);
  } catch {
    // A malformed escape: keep the segment as written.
  }
  return { collection: m[1] as string, code };
}

/** `…/collection/L22/current/` → `L22`; null otherwise. */
export function parseCollectionUrl(url: string): string | null {
  const m = /\/collection\/([A-Z][A-Z0-9]{2})\/(?:current|\d+)\/?(?:[?#].*)?$/.exec(url.trim());
  return m ? (m[1] as string) : null;
}

/**
 * NVS writes dates as `2025-04-12 02:00:01.0` (JSON-LD, RDF) and Octopus as `2025-04-12T02:00:01.000`: both become
 * `2025-04-12T02:00:01`, so versions from either source compare. A zone, when given, is kept. Null when the text is
 * not such a date.
 */
export function normaliseNvsDate(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return null;
  const [, day, hm, s, zone] = m;
  if (!hm) return day as string;
  return `${day}T${hm}${s ?? ':00'}${zone ?? ''}`;
}

/**
 * Orders two collection versions: numerically when both are whole numbers (NVS versions are), else as text.
 * Negative when a is older.
 */
export function compareVersions(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Trims what NVS labels sometimes carry at their ends (spaces, no-break spaces, a stray U+FEFF). */
export function cleanLabel(text: string): string {
  return text.trim();
}
