/**
 * One gate's mask by the fast path: rectangle and range bounds become float32 key thresholds once per gate
 * (display-cut.ts); polygons and ellipses get a raster of display cells over what they can contain, each cell known
 * inside, outside or boundary (polygon-cells.ts, ellipse-cells.ts), whose cell edges are float32 keys too
 * (axis-grid.ts). The loops (gate-kernels.ts) then compare raw column keys. Only the events the thresholds cannot
 * decide — in a boundary cell, or within ~1e-12 display units of a bound where that band could not be resolved key
 * by key — are transformed, with the reference's own arithmetic, so the masks are identical to the reference's
 * (classify-reference.ts; classify-equivalence.test.ts checks it).
 *
 * Gates the argument does not cover (a transform whose scale does not end at ±Infinity, an infinite or NaN bound,
 * a polygon too small for its coordinates, an ellipse whose form is barely positive definite or whose products
 * could overflow) go to the reference implementation: same answer, the old speed.
 */
import { CurationError } from '../../api/errors.js';
import { ratioValues } from '../axes/axis-parameter.js';
import type { AxisDefinition } from '../axes/axis-parameter.js';
import { compileAxisTransform } from '../axes/axis-transform.js';
import type { CompiledAxisTransform } from '../axes/axis-transform.js';
import type { EllipseGate, Gate, PolygonGate, RangeGate, RectangleGate } from '../gate.js';
import { axisGrid } from './axis-grid.js';
import type { AxisGrid } from './axis-grid.js';
import { classifyGateReference } from './classify-reference.js';
import { intervalKeys, keyDomain } from './display-cut.js';
import type { IntervalKeys, KeyDomain } from './display-cut.js';
import { ellipseCells, ellipseReach, EllipseTest } from './ellipse-cells.js';
import { bitsView, KEY_MAX_FINITE, keyToFloat32 } from './float32-key.js';
import { keyGridKernel, rangeKernel, rasterKernel, rectangleKernel, resolveUndecided, slotClasses, UNDECIDED } from './gate-kernels.js';
import type { ExactTest } from './gate-kernels.js';
import { PolygonTest, polygonCells } from './polygon-cells.js';

type ColumnLookup = (name: string) => Float32Array | undefined;

/** How a gate was classified (for tests and diagnostics): which loop, and how many events needed the transform. */
export type FastPath = 'keys' | 'keys-with-bands' | 'key-grid' | 'partitioned-grid' | 'reference';
export type FastPathReport = (path: FastPath, exactEvents: number) => void;

/** Ratio values per (numerator, denominator), computed once per classification and shared by the gates. */
export class RatioCache {
  private readonly byPair = new Map<string, Float32Array>();
  constructor(readonly events: number) {}
  values(numerator: Float32Array, denominator: Float32Array, key: string): Float32Array {
    let values = this.byPair.get(key);
    if (!values) {
      values = ratioValues(numerator, denominator, new Float32Array(this.events)).values;
      this.byPair.set(key, values);
    }
    return values;
  }
}

/** A gate axis ready for the loops: raw float32 values (column or ratio), their key view, the transform. */
interface RawAxis {
  values: Float32Array;
  bits: Int32Array;
  transform: CompiledAxisTransform;
  /** Null when the transform does not fit the threshold argument (reference path). */
  domain: KeyDomain | null;
}

function column(columns: ColumnLookup, name: string, gate: Gate, events: number): Float32Array {
  const values = columns(name);
  if (!values) throw new CurationError({ code: 'not-found', field: name, message: `gate ${JSON.stringify(gate.name)}: the sample has no column ${JSON.stringify(name)}` });
  if (values.length < events) {
    throw new CurationError({ code: 'invalid-input', field: name, message: `gate ${JSON.stringify(gate.name)}: column ${JSON.stringify(name)} has ${values.length} values, expected ${events}` });
  }
  return values.length === events ? values : values.subarray(0, events);
}

/** Same checks, in the same order, as the reference's displayValues: transform first, then the columns. */
function rawAxis(axis: AxisDefinition, gate: Gate, columns: ColumnLookup, events: number, ratios: RatioCache): RawAxis {
  const transform = compileAxisTransform(axis.transform);
  const p = axis.parameter;
  const values =
    p.type === 'single'
      ? column(columns, p.column, gate, events)
      : ratios.values(column(columns, p.numerator, gate, events), column(columns, p.denominator, gate, events), JSON.stringify([p.numerator, p.denominator]));
  return { values, bits: bitsView(values), transform, domain: keyDomain(transform) };
}

/** Raster cells a side: enough that boundary cells hold few events, few enough that building them is cheap. */
function rasterSize(events: number): number {
  return events >= 500_000 ? 192 : events >= 50_000 ? 128 : events >= 5_000 ? 64 : 32;
}

/** Key buckets per rastered axis (axis-partition.ts). */
function bucketCount(events: number): number {
  return events >= 500_000 ? 16384 : events >= 50_000 ? 4096 : 1024;
}

/** Largest |display value| a finite event can have on the axis (monotone transform: at the two ends). */
function displayBound(axis: RawAxis, domain: KeyDomain): number {
  const lowest = Math.max(domain.lowKey, -KEY_MAX_FINITE - 1);
  const ends = [axis.transform.toDisplay(keyToFloat32(lowest)), axis.transform.toDisplay(keyToFloat32(KEY_MAX_FINITE))];
  const bound = Math.max(...ends.map(Math.abs));
  return Number.isFinite(bound) ? bound * (1 + 1e-6) + 1 : Infinity;
}

/** What the loops need besides the axes: where to fall back to, and whom to tell which path was taken. */
interface Context {
  columns: ColumnLookup;
  events: number;
  report: FastPathReport | undefined;
}

/** The reference's mask, when the fast path cannot vouch for a gate. */
function fallback(gate: Gate, context: Context): Uint8Array {
  context.report?.('reference', context.events);
  return classifyGateReference(gate, context.columns, context.events);
}

/**
 * Gives the undecided events of `out` the exact test (unless the loop could not have left any), and tells the
 * listener which loop ran.
 */
function finish(out: Uint8Array, exact: ExactTest, path: FastPath, context: Context, mayBeUndecided: boolean): Uint8Array {
  const undecided = mayBeUndecided ? resolveUndecided(out, exact) : 0;
  context.report?.(path, undecided);
  return out;
}

export function classifyGateFast(gate: Gate, columns: ColumnLookup, events: number, ratios: RatioCache, report?: FastPathReport): Uint8Array {
  const context: Context = { columns, events, report };
  switch (gate.type) {
    case 'rectangle':
      return rectangle(gate, rawAxis(gate.x, gate, columns, events, ratios), rawAxis(gate.y, gate, columns, events, ratios), context);
    case 'range':
      return range(gate, rawAxis(gate.axis, gate, columns, events, ratios), context);
    case 'polygon':
      return polygon(gate, rawAxis(gate.x, gate, columns, events, ratios), rawAxis(gate.y, gate, columns, events, ratios), context);
    case 'ellipse':
      return ellipse(gate, rawAxis(gate.x, gate, columns, events, ratios), rawAxis(gate.y, gate, columns, events, ratios), context);
    default:
      throw new CurationError({ code: 'invalid-input', message: `unknown gate type ${JSON.stringify((gate as { type?: unknown }).type)}` });
  }
}

/** Every bound resolved to one key (no event needs the transform)? */
const resolved = (keys: IntervalKeys): boolean => keys.inLo === keys.possibleLo && keys.inHi === keys.possibleHi;

function rectangle(gate: RectangleGate, x: RawAxis, y: RawAxis, context: Context): Uint8Array {
  const xKeys = x.domain && intervalKeys(x.domain, gate.xMin, gate.xMax);
  const yKeys = y.domain && intervalKeys(y.domain, gate.yMin, gate.yMax);
  if (!xKeys || !yKeys) return fallback(gate, context);
  // The reference's comparisons, on the reference's display values.
  const x0 = gate.xMin ?? -Infinity;
  const x1 = gate.xMax ?? Infinity;
  const y0 = gate.yMin ?? -Infinity;
  const y1 = gate.yMax ?? Infinity;
  const xs = x.values;
  const ys = y.values;
  const tx = x.transform;
  const ty = y.transform;
  const exact = (i: number): number => {
    const dx = tx.toDisplay(xs[i] as number);
    const dy = ty.toDisplay(ys[i] as number);
    return dx >= x0 && dx <= x1 && dy >= y0 && dy <= y1 ? 1 : 0;
  };
  const out = new Uint8Array(context.events);
  rectangleKernel(x.bits, y.bits, xKeys, yKeys, out);
  const keysOnly = resolved(xKeys) && resolved(yKeys);
  return finish(out, exact, keysOnly ? 'keys' : 'keys-with-bands', context, !keysOnly);
}

function range(gate: RangeGate, axis: RawAxis, context: Context): Uint8Array {
  const keys = axis.domain && intervalKeys(axis.domain, gate.min, gate.max);
  if (!keys) return fallback(gate, context);
  const lo = gate.min ?? -Infinity;
  const hi = gate.max ?? Infinity;
  const vs = axis.values;
  const t = axis.transform;
  const exact = (i: number): number => {
    const v = t.toDisplay(vs[i] as number);
    return v >= lo && v <= hi ? 1 : 0;
  };
  const out = new Uint8Array(context.events);
  rangeKernel(axis.bits, keys, out);
  return finish(out, exact, resolved(keys) ? 'keys' : 'keys-with-bands', context, !resolved(keys));
}

/** Mask of a rastered gate: the key-grid loop when both axes are key-aligned, else the slot loop. */
function rasterMask(x: RawAxis, y: RawAxis, gx: AxisGrid, gy: AxisGrid, cells: Uint8Array, test: (px: number, py: number) => number, context: Context): Uint8Array {
  const xs = x.values;
  const ys = y.values;
  const tx = x.transform;
  const ty = y.transform;
  const exact = (i: number): number => test(tx.toDisplay(xs[i] as number), ty.toDisplay(ys[i] as number));
  const out = new Uint8Array(context.events);
  if (gx.keyAligned && gy.keyAligned) {
    keyGridKernel(x.bits, y.bits, { ...gx.keyAligned, cells: gx.cells }, { ...gy.keyAligned, cells: gy.cells }, cells, out);
    return finish(out, exact, 'key-grid', context, cells.includes(UNDECIDED));
  }
  const classes = slotClasses(cells, gx.cells, gy.cells);
  rasterKernel(x.bits, y.bits, gx.partition, gy.partition, classes, out);
  return finish(out, exact, 'partitioned-grid', context, classes.includes(UNDECIDED));
}

function polygon(gate: PolygonGate, x: RawAxis, y: RawAxis, context: Context): Uint8Array {
  const test = new PolygonTest(gate); // validates (and throws) as the reference does
  if (!x.domain || !y.domain) return fallback(gate, context);
  const { events } = context;
  const size = rasterSize(events);
  const gx = axisGrid(x.domain, test.minX, test.maxX, size, bucketCount(events));
  const gy = gx && axisGrid(y.domain, test.minY, test.maxY, size, bucketCount(events));
  const cells = gx && gy && polygonCells(test, gx, gy);
  if (!gx || !gy || !cells) return fallback(gate, context);
  return rasterMask(x, y, gx, gy, cells, (px, py) => test.inside(px, py), context);
}

function ellipse(gate: EllipseGate, x: RawAxis, y: RawAxis, context: Context): Uint8Array {
  const test = new EllipseTest(gate); // validates (and throws) as the reference does
  if (!x.domain || !y.domain) return fallback(gate, context);
  const { events } = context;
  const reach = ellipseReach(test, Math.max(displayBound(x, x.domain), displayBound(y, y.domain)));
  // Ellipse cells cost more to classify than polygon cells: a coarser raster.
  const size = Math.min(128, rasterSize(events));
  const gx = reach && axisGrid(x.domain, test.mx - reach, test.mx + reach, size, bucketCount(events));
  const gy = gx && reach && axisGrid(y.domain, test.my - reach, test.my + reach, size, bucketCount(events));
  if (!gx || !gy) return fallback(gate, context);
  return rasterMask(x, y, gx, gy, ellipseCells(test, gx, gy), (px, py) => test.inside(px, py), context);
}
