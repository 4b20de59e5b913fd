/**
 * Which gates belong on which cytogram. A gate is drawn where both of its axes show the same parameters as the plot
 * (either way round: a gate on FWS × Red also shows on Red × FWS, mirrored); its transforms may differ from the
 * plot's, since the gate keeps its own axes and is only converted for display. Column names match as the service
 * finds columns (a Gating-ML file may write "FL Red Total" for the sample's "Fl Red Total").
 */
import type { AxisDefinition, AxisParameter } from '../../shared/gating/axes/axis-parameter.js';
import type { AxisTransform } from '../../shared/gating/axes/axis-transform.js';
import type { Gate, RangeGate } from '../../shared/gating/gate.js';

/** Column names compared as the service looks columns up: without case, repeated spaces or surrounding spaces. */
const sameColumn = (a: string, b: string) => a === b || a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

export function sameParameter(a: AxisParameter, b: AxisParameter): boolean {
  if (a.type === 'single') return b.type === 'single' && sameColumn(a.column, b.column);
  return b.type === 'ratio' && sameColumn(a.numerator, b.numerator) && sameColumn(a.denominator, b.denominator);
}

/** Same transform type and parameters (−0 and 0 are the same: JSON cannot tell them apart anyway). */
export function sameTransform(a: AxisTransform, b: AxisTransform): boolean {
  if (a.type !== b.type) return false;
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (ra[k] !== rb[k]) return false;
  return true;
}

export function sameAxis(a: AxisDefinition, b: AxisDefinition): boolean {
  return sameParameter(a.parameter, b.parameter) && sameTransform(a.transform, b.transform);
}

/** The plot's two axes (parameter and the transform it is drawn with). */
export interface PlotAxes {
  x: AxisDefinition;
  y: AxisDefinition;
}

/** 'direct': gate x on plot x; 'swapped': gate x on plot y (and y on x). */
export type Placement = 'direct' | 'swapped';

export type TwoAxisGate = Exclude<Gate, RangeGate>;

export function isTwoAxisGate(gate: Gate): gate is TwoAxisGate {
  return gate.type !== 'range';
}

/** Where a two-axis gate goes on a plot, or null when its parameters are not the plot's. */
export function gatePlacement(gate: { x: AxisDefinition; y: AxisDefinition }, plot: PlotAxes): Placement | null {
  if (sameParameter(gate.x.parameter, plot.x.parameter) && sameParameter(gate.y.parameter, plot.y.parameter)) return 'direct';
  if (sameParameter(gate.x.parameter, plot.y.parameter) && sameParameter(gate.y.parameter, plot.x.parameter)) return 'swapped';
  return null;
}

/** The plot axis a range gate lies along, or null when neither shows its parameter. */
export function rangePlacement(gate: RangeGate, plot: PlotAxes): 'x' | 'y' | null {
  if (sameParameter(gate.axis.parameter, plot.x.parameter)) return 'x';
  if (sameParameter(gate.axis.parameter, plot.y.parameter)) return 'y';
  return null;
}

/** Gates of a template that show on a plot, in template order. */
export function gatesOnPlot(gates: readonly Gate[], plot: PlotAxes): Gate[] {
  return gates.filter((g) => (isTwoAxisGate(g) ? gatePlacement(g, plot) !== null : rangePlacement(g, plot) !== null));
}
