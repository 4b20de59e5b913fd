/**
 * Abundance (cells per mL) of a set in a sample, and the rules that decide whether it can be stated.
 *
 * - Partial sample (only CytoClus set exports were imported): no abundance. The set counts are real, but this
 *   tool publishes abundances only for complete samples, so the analysed volume is not applied.
 * - No analysed volume: no abundance, with the volume's reason.
 * - Smart-triggered CytoSense sample: the instrument counted every triggered particle but stored only those
 *   matching the rule (formats-cytosense.md §5). `events / volume` is right for a set that lies wholly inside the
 *   rule and too low otherwise, so the abundance gets the L20 flag 3 (probably bad) and a note, unless a curator
 *   confirmed the set lies inside the rule.
 */
import { CurationError } from '../api/errors.js';
import type { AnalysedVolume } from './analysed-volume.js';

/** L20 flag given by default to abundances of smart-triggered samples: 3 = probably bad value. */
export const SMART_TRIGGER_DEFAULT_FLAG = '3';

/** events ÷ (volume in mL) × dilution. Throws a CurationError (invalid-input) on a count or volume that is not one. */
export function abundancePerMl(events: number, volume_uL: number, dilution = 1): number {
  if (!Number.isFinite(events) || events < 0) throw new CurationError({ code: 'invalid-input', field: 'events', message: `events must be a count ≥ 0 (got ${String(events)})` });
  if (!Number.isFinite(volume_uL) || volume_uL <= 0) {
    throw new CurationError({ code: 'invalid-input', field: 'volume_uL', message: `analysed volume must be a positive number of µL (got ${String(volume_uL)})` });
  }
  if (!Number.isFinite(dilution) || dilution < 1) throw new CurationError({ code: 'invalid-input', field: 'dilutionFactor', message: `dilution factor must be ≥ 1 (got ${String(dilution)})` });
  return ((events * 1000) / volume_uL) * dilution;
}

export interface SetAbundanceInput {
  /** Events of the set in this sample. */
  events: number;
  volume: Pick<AnalysedVolume, 'volume_uL' | 'dilutionFactor' | 'reason' | 'warning'>;
  /** Only CytoClus set exports were imported (SampleSummary.partial). */
  partial: boolean;
  /** The Info file says `Smart Triggered!` (CytoclusInfo.smartTriggered). */
  smartTriggered: boolean;
  /** The rule text (CytoclusInfo.smartTriggerRule.text), quoted in the note. */
  smartTriggerRule?: string | null;
  /** A curator confirmed that this set lies inside the smart-trigger rule (every member particle was stored). */
  insideTriggerRule?: boolean;
}

export interface SetAbundance {
  events: number;
  abundance_per_mL: number | null;
  /** Plain words for the curator and the exported metadata; null when there is nothing to say. */
  note: string | null;
  /** Default L20 flag for the abundance (`'3'` for smart-triggered sets), null when none. */
  flag: string | null;
}

export const PARTIAL_SAMPLE_NOTE = 'partial sample: only CytoClus set exports were imported, so the analysed volume does not apply and no abundance is given';

export function setAbundance(input: SetAbundanceInput): SetAbundance {
  const { events, volume } = input;
  if (input.partial) return { events, abundance_per_mL: null, note: PARTIAL_SAMPLE_NOTE, flag: null };
  if (volume.volume_uL === null) {
    return { events, abundance_per_mL: null, note: `no analysed volume: ${volume.reason ?? 'unknown reason'}`, flag: null };
  }
  const abundance_per_mL = abundancePerMl(events, volume.volume_uL, volume.dilutionFactor);
  const notes: string[] = [];
  let flag: string | null = null;
  if (input.smartTriggered) {
    const rule = input.smartTriggerRule ? ` (${input.smartTriggerRule.replace(/\n/g, '; ')})` : '';
    if (input.insideTriggerRule) {
      notes.push(`smart-triggered sample${rule}: a curator confirmed this set lies inside the trigger rule, so all its particles were stored`);
    } else {
      flag = SMART_TRIGGER_DEFAULT_FLAG;
      notes.push(
        `smart-triggered sample${rule}: only particles matching the trigger rule were stored, so this abundance is too low unless the whole set lies inside the rule (flagged ${SMART_TRIGGER_DEFAULT_FLAG}, probably bad, until a curator confirms it)`,
      );
    }
  }
  if (volume.warning) notes.push(`volume: ${volume.warning}`);
  return { events, abundance_per_mL, note: notes.length > 0 ? notes.join('; ') : null, flag };
}
