/**
 * What a downloaded collection must satisfy before it replaces the one in use: it is the collection asked for, it
 * has a version and current terms, it still holds the codes CytoCurator writes into published files
 * (formats-seadatanet.md §6, shared/publication/cdi/cdi-vocabulary.ts, the ODV writer), and it is not suspiciously
 * smaller than the version it replaces (a cut-off response that still parses).
 */
import type { NvsCollection } from './nvs-collection.js';
import { findTerm } from './search-terms.js';

/** Codes the publication code relies on, per collection. */
export const reliedUponCodes: Readonly<Record<string, readonly string[]>> = {
  // SeaDataNet measurand qualifier flags: every one may be written.
  L20: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'Q'],
  L22: ['TOOL1209'], // CytoBuoy CytoSense flow cytometer
  L05: ['LAB37'], // flow cytometers
  P06: ['UCML', 'TISO', 'ULAA', 'XXXX', 'UUUU'], // cells/mL, ISO8601, metres, not applicable, dimensionless
  P02: ['PNTX', 'BNTX'], // phytoplankton / bacteria generic abundance
  L06: ['30', '31', '3Z', '48'], // ship, research vessel, surface vessel, mooring
  L08: ['LS', 'UN', 'CB'], // SeaDataNet licence, unrestricted, CC BY 4.0
  L23: ['CDI', 'NVS2CON'], // sdn_reference xlink:type values
  C17: ['35TT'], // Tethys II: a platform the examples and tests cite
};

/** A new version with fewer current terms than this share of the one in use is taken for a truncated response. */
export const MIN_TERM_SHARE = 0.5;

export interface CollectionCheck {
  /** Reasons to refuse the new version (empty: it may replace the current one). */
  problems: string[];
  /** Worth telling, not blocking (e.g. a relied-upon code is now deprecated). */
  warnings: string[];
}

const current = (c: NvsCollection): number => c.terms.filter((t) => !t.deprecated).length;

export function checkCollectionUpdate(candidate: NvsCollection, requested: string, inUse: NvsCollection | null): CollectionCheck {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (candidate.collection !== requested) problems.push(`the server sent collection ${candidate.collection}, not ${requested}`);
  if (!candidate.version) problems.push('the server gave no collection version');
  const count = current(candidate);
  if (count === 0) problems.push('no current terms');
  const missing: string[] = [];
  for (const code of reliedUponCodes[requested] ?? []) {
    const term = findTerm(candidate, code);
    if (!term || term.code !== code) missing.push(code);
    else if (term.deprecated) warnings.push(`${term.urn} (${term.label}) is deprecated in version ${candidate.version}`);
  }
  if (missing.length) problems.push(`missing code${missing.length > 1 ? 's' : ''} CytoCurator relies on: ${missing.join(', ')}`);
  if (inUse && count > 0) {
    const before = current(inUse);
    if (count < before * MIN_TERM_SHARE) {
      problems.push(`only ${count} current terms where version ${inUse.version} has ${before}: the response looks truncated`);
    }
  }
  return { problems, warnings };
}
