/**
 * Membership of a sample's events in a template's gates and sets, as masks (one byte per event, 1 = in).
 *
 * Each gate is tested in the display space of its own axes (gate.ts): membership is what you get by transforming
 * each event's value (float64, the axis's compiled transform) and comparing with the gate's display geometry.
 * NaN display values (log of a value ≤ 0, ratio with a zero denominator, missing values) are outside every gate,
 * also on an open (null) side. classify-reference.ts computes exactly that, directly. This file gets the same masks
 * without transforming every event (fast-gate.ts): gate bounds and raster lines become float32 thresholds once, a
 * tight loop over the Float32 columns compares raw values with them, and only the few events the thresholds
 * cannot decide are transformed. No allocation per event.
 *
 * Boundaries: rectangle and range bounds are inclusive. Polygons use the even-odd (crossing-number) rule; a point
 * exactly on a polygon edge may fall either side, as with every crossing-number test. Ellipses are inside when
 * (p − mean)ᵀ C⁻¹ (p − mean) ≤ distanceSquare.
 *
 * Sets: `and` of no operands is every event, `or` of no operands is none (so a gate-less CytoClus set is empty and
 * a reference to CytoClus's default set can be written as an empty `and`).
 *
 * Exclusive templates (CytoClus ExclusiveSets): the partition applies to the *base* sets — sets whose expression
 * refers only to gates, not to other sets. Taken in `template.sets` order, each base set keeps only the events
 * no earlier base set has claimed, so an event belongs to the first base set that contains it and to no other base
 * set. Sets built from other sets (unions, intersections, differences, CytoClus OrSet/CombinedSet) are then
 * evaluated over those exclusive memberships and are not themselves part of the partition — otherwise a union
 * listed after its members would always be empty. This matches CytoClus, where exclusivity is among gate-based sets.
 */
import { CurationError } from '../../api/errors.js';
import type { Gate, GateTemplate, SetExpression } from '../gate.js';
import { classifyGateFast, RatioCache } from './fast-gate.js';
import { andInto, andMasks, andNotInto, claimExclusive, countOnes, notMask, orInto } from './mask-ops.js';

export interface Classification {
  /** Per gate id: 1 where the event is inside the gate (regardless of exclusivity). */
  gates: Map<string, Uint8Array>;
  /** Per set id: 1 where the event belongs to the set (after exclusivity, for exclusive templates). */
  sets: Map<string, Uint8Array>;
  /** Events per set id. */
  counts: Record<string, number>;
}

/** A sample's column by name; may return undefined for a missing column (reported as CurationError 'not-found'). */
export type ColumnLookup = (name: string) => Float32Array | undefined;

export function classifyTemplate(template: GateTemplate, columns: ColumnLookup, events: number): Classification {
  const scratch = new RatioCache(events);
  const gates = new Map<string, Uint8Array>();
  for (const gate of template.gates) {
    if (gates.has(gate.id)) throw new CurationError({ code: 'invalid-input', field: gate.id, message: `two gates have id ${JSON.stringify(gate.id)}` });
    gates.set(gate.id, classifyGate(gate, columns, events, scratch));
  }

  const setsById = new Map<string, (typeof template.sets)[number]>();
  for (const set of template.sets) {
    if (setsById.has(set.id)) throw new CurationError({ code: 'invalid-input', field: set.id, message: `two sets have id ${JSON.stringify(set.id)}` });
    setsById.set(set.id, set);
  }

  const sets = new Map<string, Uint8Array>();
  const visiting = new Set<string>();

  const evaluate = (expr: SetExpression, owner: string): Uint8Array => {
    switch (expr.op) {
      case 'gate': {
        const mask = gates.get(expr.gateId);
        if (!mask) throw new CurationError({ code: 'not-found', field: owner, message: `set ${JSON.stringify(owner)} refers to gate ${JSON.stringify(expr.gateId)}, which the template does not have` });
        return mask;
      }
      case 'set':
        return setMask(expr.setId, owner);
      case 'and': {
        // One pass per operand at most: the first two are combined into a new mask, `not` operands are applied as
        // and-not without a mask of their own.
        let out: Uint8Array | null = null;
        let first: { mask: Uint8Array; negated: boolean } | null = null;
        for (const operand of expr.operands) {
          const negated = operand.op === 'not';
          const m = evaluate(operand.op === 'not' ? operand.operand : operand, owner);
          if (out) {
            if (negated) andNotInto(out, m);
            else andInto(out, m);
          } else if (first) out = andMasks(first.mask, first.negated, m, negated);
          else first = { mask: m, negated };
        }
        if (out) return out;
        if (first) return first.negated ? notMask(first.mask) : first.mask.slice();
        return new Uint8Array(events).fill(1);
      }
      case 'or': {
        const out = new Uint8Array(events);
        for (const operand of expr.operands) orInto(out, evaluate(operand, owner));
        return out;
      }
      case 'not':
        return notMask(evaluate(expr.operand, owner));
      default:
        throw new CurationError({ code: 'invalid-input', field: owner, message: `set ${JSON.stringify(owner)}: unknown expression op ${JSON.stringify((expr as { op?: unknown }).op)}` });
    }
  };

  const setMask = (setId: string, from: string): Uint8Array => {
    const done = sets.get(setId);
    if (done) return done;
    const set = setsById.get(setId);
    if (!set) throw new CurationError({ code: 'not-found', field: from, message: `set ${JSON.stringify(from)} refers to set ${JSON.stringify(setId)}, which the template does not have` });
    if (visiting.has(setId)) {
      throw new CurationError({ code: 'invalid-input', field: set.name, message: `set ${JSON.stringify(set.name)} refers to itself through a cycle of set references` });
    }
    visiting.add(setId);
    const mask = evaluate(set.expression, set.name);
    visiting.delete(setId);
    // A bare gate reference returns the gate's own mask: copy so set masks never alias gate masks.
    const own = set.expression.op === 'gate' ? mask.slice() : mask;
    sets.set(setId, own);
    return own;
  };

  // Base sets first (in order), so exclusivity is settled before any composite set reads them.
  const claimed = template.exclusive ? new Uint8Array(events) : null;
  for (const set of template.sets) {
    if (refersToSets(set.expression)) continue;
    const mask = setMask(set.id, set.name);
    if (claimed) claimExclusive(mask, claimed);
  }
  for (const set of template.sets) setMask(set.id, set.name);

  const counts: Record<string, number> = {};
  for (const set of template.sets) {
    counts[set.id] = countOnes(sets.get(set.id) as Uint8Array);
  }
  return { gates, sets, counts };
}

/** True when the expression refers to another set (so it is not a base set for exclusivity). */
export function refersToSets(expr: SetExpression): boolean {
  switch (expr.op) {
    case 'gate':
      return false;
    case 'set':
      return true;
    case 'not':
      return refersToSets(expr.operand);
    default:
      return expr.operands.some(refersToSets);
  }
}

/** One gate's mask (1 = inside), as classifyTemplate computes it; `scratch` shares ratio values across gates. */
export function classifyGate(gate: Gate, columns: ColumnLookup, events: number, scratch = new RatioCache(events)): Uint8Array {
  return classifyGateFast(gate, columns, events, scratch);
}
