/**
 * Benchtop cytometry values of a SOMLIT entry from FCS samples gated in the library, instead of typed: each
 * template set whose standard group has a SOMLIT prefix (SYN, PRO, PICOE…) gives the abundance column (`SYNC`,
 * cells/mL) and the optical means (`SYNSSC`, `SYNFLR`… from the table's opticalChannels, normalised to beads when
 * the sample has a bead set and the table prefers it). A group built from others (total prokaryotes = HNA + LNA)
 * sums their abundances and weights their means by events. Several samples (replicates) give their mean, with
 * code 6; one sample gives the table's default code; a set the gating flagged 3 or 4 keeps that code with the
 * gating's note. Every value records the samples, sets, gate template and version it came from.
 */
import type { SomlitProblem } from './consistency-rules.js';
import { cellProblems, describeSomlitProblem } from './consistency-rules.js';
import type { SomlitCode } from './quality-codes.js';
import type { LinkedSample, SomlitValueValue } from './somlit-entry.js';
import type { CytometryQuantity, SomlitParameter, SomlitTable } from './somlit-table.js';

/** One set's abundance as the library stores it, with its group's SOMLIT prefix resolved by the caller. */
export interface LinkAbundance {
  sampleId: string;
  sampleName: string;
  set: string;
  group: string | null;
  /** SOMLIT prefix of the set's standard group (vocabulary field `somlit`), null when it has none. */
  prefix: string | null;
  events: number;
  abundancePerMl: number | null;
  means: Record<string, number>;
  normalisedMeans: Record<string, number> | null;
  templateId: string;
  templateVersion: number;
  overrides: Record<string, number>;
  /** Default L20 flag of the set (3 for a smart-triggered sample not yet confirmed). */
  flag: string | null;
  note: string | null;
}

export interface LinkProblem {
  parameter: string;
  message: string;
  /** The rule broken when it is a consistency rule (e.g. out-of-range: type it with code 3 or 4 instead). */
  problem?: SomlitProblem;
}

export interface LinkResult {
  values: Record<string, SomlitValueValue>;
  /** Parameters that could not be linked, and why. */
  problems: LinkProblem[];
  /** Sets of the samples whose group has no SOMLIT prefix. */
  unmatchedSets: { sampleId: string; set: string; group: string | null }[];
}

interface Contribution {
  record: LinkAbundance;
  /** The records a sum was built from (itself otherwise). */
  parts: LinkAbundance[];
}

function roundTo(value: number, decimals: number | null): number {
  if (decimals === null) return value;
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

function findChannel(record: LinkAbundance, candidates: readonly string[], preferNormalised: boolean): { channel: string; value: number; normalised: boolean } | null {
  const look = (means: Record<string, number> | null, normalised: boolean) => {
    if (!means) return null;
    const keys = Object.keys(means);
    for (const c of candidates) {
      const key = keys.find((k) => k.toLowerCase() === c.toLowerCase());
      if (key !== undefined && Number.isFinite(means[key])) return { channel: key, value: means[key]!, normalised };
    }
    return null;
  };
  return (preferNormalised ? look(record.normalisedMeans, true) : null) ?? look(record.means, false);
}

/** A group made of others (sumOf): abundances added, means weighted by events. */
function sumOf(prefix: string, parts: LinkAbundance[]): LinkAbundance {
  const events = parts.reduce((s, p) => s + p.events, 0);
  const weighted = (pick: (p: LinkAbundance) => Record<string, number> | null) => {
    const first = pick(parts[0]!);
    if (!first || events === 0) return null;
    const out: Record<string, number> = {};
    for (const key of Object.keys(first)) {
      if (parts.every((p) => Number.isFinite(pick(p)?.[key]))) out[key] = parts.reduce((s, p) => s + pick(p)![key]! * p.events, 0) / events;
    }
    return out;
  };
  const abundances = parts.map((p) => p.abundancePerMl);
  const worst = parts.map((p) => p.flag).find((f) => f === '4') ?? parts.map((p) => p.flag).find((f) => f === '3') ?? null;
  return {
    ...parts[0]!,
    set: parts.map((p) => p.set).join(' + '),
    group: null,
    prefix,
    events,
    abundancePerMl: abundances.every((a) => a !== null) ? abundances.reduce((s: number, a) => s + a!, 0) : null,
    means: weighted((p) => p.means) ?? {},
    normalisedMeans: weighted((p) => p.normalisedMeans),
    flag: worst,
    note: parts.flatMap((p) => (p.note ? [p.note] : [])).join('; ') || null,
  };
}

export function cytometryValues(table: SomlitTable, records: readonly LinkAbundance[], options: { defaultCode: string }): LinkResult {
  const problems: LinkProblem[] = [];
  const unmatchedSets = records.filter((r) => r.prefix === null).map((r) => ({ sampleId: r.sampleId, set: r.set, group: r.group }));
  const samples = [...new Set(records.map((r) => r.sampleId))];

  // Per sample and prefix, the one set that gives it (a sum built from its parts when the table says so).
  const bySample = new Map<string, Map<string, Contribution>>();
  const ambiguous = new Set<string>();
  for (const id of samples) {
    const mine = new Map<string, Contribution>();
    for (const r of records) {
      if (r.sampleId !== id || r.prefix === null) continue;
      if (mine.has(r.prefix)) {
        if (!ambiguous.has(r.prefix)) problems.push({ parameter: r.prefix, message: `sample ${r.sampleName} has two sets of group prefix ${r.prefix} (${mine.get(r.prefix)!.record.set}, ${r.set}): not linked` });
        ambiguous.add(r.prefix);
      }
      mine.set(r.prefix, { record: r, parts: [r] });
    }
    for (const p of table.parameters) {
      const c = p.cytometry;
      if (!c?.sumOf || mine.has(c.prefix)) continue;
      const parts = c.sumOf.map((s) => mine.get(s)?.record);
      if (parts.every((x): x is LinkAbundance => x !== undefined)) mine.set(c.prefix, { record: sumOf(c.prefix, parts), parts });
    }
    bySample.set(id, mine);
  }

  const values: Record<string, SomlitValueValue> = {};
  for (const parameter of table.parameters) {
    const c = parameter.cytometry;
    if (!c || ambiguous.has(c.prefix)) continue;
    const contributions = samples.map((id) => bySample.get(id)!.get(c.prefix)).filter((x): x is Contribution => x !== undefined);
    if (contributions.length === 0) continue;
    if (contributions.length < samples.length) {
      problems.push({ parameter: parameter.code, message: `${parameter.code}: only ${contributions.length} of the ${samples.length} samples have a ${c.prefix} set: not linked` });
      continue;
    }
    const linked = linkParameter(table, parameter, c.quantity, contributions, options);
    if ('message' in linked) problems.push(linked);
    else values[parameter.code] = linked;
  }
  return { values, problems, unmatchedSets };
}

function linkParameter(
  table: SomlitTable,
  parameter: SomlitParameter,
  quantity: CytometryQuantity,
  contributions: readonly Contribution[],
  options: { defaultCode: string },
): SomlitValueValue | LinkProblem {
  const code = parameter.code;
  let channel: string | null = null;
  let normalised = false;
  const numbers: number[] = [];
  for (const { record } of contributions) {
    if (quantity === 'abundance') {
      if (record.abundancePerMl === null) return { parameter: code, message: `${code}: sample ${record.sampleName} has no abundance for ${record.set}${record.note ? ` (${record.note})` : ''}: not linked` };
      numbers.push(record.abundancePerMl);
      continue;
    }
    if (record.events === 0) return { parameter: code, message: `${code}: ${record.set} of sample ${record.sampleName} has no events, so no mean: not linked` };
    const found = findChannel(record, table.opticalChannels[quantity], table.useNormalisedMeans);
    if (!found) return { parameter: code, message: `${code}: sample ${record.sampleName} has none of the ${quantity} columns ${table.opticalChannels[quantity].join(', ')}: not linked` };
    if (channel !== null && (found.channel !== channel || found.normalised !== normalised)) {
      return { parameter: code, message: `${code}: the samples give ${quantity} from different columns (${channel}, ${found.channel}): not linked` };
    }
    channel = found.channel;
    normalised = found.normalised;
    numbers.push(found.value);
  }
  const mean = numbers.reduce((s, n) => s + n, 0) / numbers.length;
  const flags = contributions.map((c) => c.record.flag);
  const gatingCode: SomlitCode | null = flags.includes('4') ? '4' : flags.includes('3') ? '3' : null;
  const notes = [...new Set(contributions.flatMap((c) => (c.record.note ? [c.record.note] : [])))];
  const cell: SomlitValueValue = {
    value: roundTo(mean, parameter.decimals),
    code: gatingCode ?? ((contributions.length > 1 ? '6' : options.defaultCode) as SomlitCode),
    comment: gatingCode ? notes.join('; ') || `the gating flagged this group ${gatingCode}` : null,
    source: {
      kind: 'cytometry',
      quantity,
      channel,
      normalised,
      samples: contributions.flatMap(({ parts }) => parts.map(linkedSample)),
    },
  };
  const found = cellProblems(parameter, cell, table.extraction.missingValue);
  if (found.length) return { parameter: code, message: `${describeSomlitProblem(found[0]!)}: not linked (type it with its code and a comment)`, problem: found[0]! };
  return cell;
}

function linkedSample(r: LinkAbundance): LinkedSample {
  return { sampleId: r.sampleId, name: r.sampleName, set: r.set, group: r.group, templateId: r.templateId, templateVersion: r.templateVersion, overrides: r.overrides, events: r.events };
}
