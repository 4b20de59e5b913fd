/**
 * Gates and sets, as plain serialisable data (stored in templates, exported to Gating-ML). A gate stores its own
 * axes — parameter and transform with its parameters, as Gating-ML does — and its geometry in the transformed
 * (display) space of those axes: membership is tested there, whatever a cytogram currently shows, so a polygon
 * drawn on log axes has straight edges in log space.
 */
import type { AxisDefinition } from './axes/axis-parameter.js';

export interface RectangleGate {
  type: 'rectangle';
  id: string;
  name: string;
  x: AxisDefinition;
  y: AxisDefinition;
  /** Display-space bounds (inclusive); null = unbounded on that side. */
  xMin: number | null;
  xMax: number | null;
  yMin: number | null;
  yMax: number | null;
}

export interface PolygonGate {
  type: 'polygon';
  id: string;
  name: string;
  x: AxisDefinition;
  y: AxisDefinition;
  /** Vertices in display space, in order; the last connects to the first. At least 3. */
  vertices: { x: number; y: number }[];
}

export interface RangeGate {
  type: 'range';
  id: string;
  name: string;
  axis: AxisDefinition;
  min: number | null;
  max: number | null;
}

export interface EllipseGate {
  type: 'ellipse';
  id: string;
  name: string;
  x: AxisDefinition;
  y: AxisDefinition;
  /** Centre, in display space. */
  mean: { x: number; y: number };
  /** Gating-ML form: points p with (p − mean)ᵀ C⁻¹ (p − mean) ≤ distanceSquare are inside. */
  covariance: [[number, number], [number, number]];
  distanceSquare: number;
}

export type Gate = RectangleGate | PolygonGate | RangeGate | EllipseGate;

/** Boolean combinations of gates and other sets (Gating-ML BooleanGate: and / or / not). */
export type SetExpression =
  | { op: 'gate'; gateId: string }
  | { op: 'set'; setId: string }
  | { op: 'and'; operands: SetExpression[] }
  | { op: 'or'; operands: SetExpression[] }
  | { op: 'not'; operand: SetExpression };

export interface GatedSet {
  id: string;
  name: string;
  expression: SetExpression;
  /** Standard group name (e.g. Synechococcus) used for publication, when assigned. */
  group: string | null;
  colour: string | null;
}

export interface GateTemplate {
  id: string;
  name: string;
  version: number;
  gates: Gate[];
  sets: GatedSet[];
  /**
   * Exclusive sets (CytoClus "ExclusiveSets"): when true, an event belongs to the first gate-based set (in `sets`
   * order) that contains it; sets built from other sets are then evaluated on those exclusive results
   * (see classify/classify.ts).
   */
  exclusive: boolean;
}
