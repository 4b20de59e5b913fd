// Gate classification: 1,000,000 and 5,000,000 events (FWS / FL Red / FL Orange Total-like log-normal clusters, a few
// zeros), a template with a 16-vertex polygon on log × log axes, a rectangle on log × log axes and a boolean set
// (rectangle AND NOT polygon). Goal: ≥ 10× the baseline.
// Baseline, same data and template, in the same run: an array of plain event objects {'FWS Total': v, …} (built
// before timing), per event the display values with the log transform's own formula ((log10 v − log10 T)/M + 1,
// NaN for v ≤ 0, each axis once per event), the crossing-number test on the vertex objects, the rectangle
// comparisons and the set's boolean, writing one mask per gate and set, as ours does — the straightforward code.
// A second baseline line adds a bounding-box test before the crossing number (a common first optimisation).
// Ours and the baselines are timed in turns; best of the runs counts (other processes on a shared machine only ever
// make a run slower), the median is beside it.
import os from 'node:os';
import type { AxisDefinition } from '../shared/gating/axes/axis-parameter.js';
import type { LogTransform } from '../shared/gating/axes/axis-transform.js';
import { classifyTemplate } from '../shared/gating/classify/classify.js';
import { classifyTemplateReference } from '../shared/gating/classify/classify-reference.js';
import type { GateTemplate } from '../shared/gating/gate.js';
import type { BenchResult } from './measure.js';
import { seededRandom } from '../shared/random/seeded-random.js';

const SEED = 20261130;
const LOG: LogTransform = { type: 'log', T: 1e7, M: 7 }; // 1 … 10^7 on [0, 1]
const FWS = 'FWS Total';
const RED = 'FL Red Total';
const ORANGE = 'FL Orange Total';

/** Populations: [weight, log10 mean FWS, FL Red, FL Orange, sd (log10)] — a coastal phytoplankton sample. */
const POPULATIONS: [number, number, number, number, number][] = [
  [0.35, 1.9, 2.5, 1.4, 0.25], // picoeukaryotes
  [0.25, 1.6, 1.9, 2.7, 0.22], // Synechococcus (orange-rich)
  [0.12, 3.1, 3.6, 2.1, 0.3], // nanophytoplankton
  [0.05, 3.0, 3.3, 3.3, 0.25], // cryptophytes
  [0.23, 1.0, 0.7, 0.6, 0.6], // noise / debris
];

function generate(n: number): { fws: Float32Array; red: Float32Array; orange: Float32Array } {
  const random = seededRandom(SEED);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const fws = new Float32Array(n);
  const red = new Float32Array(n);
  const orange = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let u = random();
    let p = POPULATIONS[0] as (typeof POPULATIONS)[number];
    for (const candidate of POPULATIONS) {
      p = candidate;
      if (u < candidate[0]) break;
      u -= candidate[0];
    }
    fws[i] = 10 ** (p[1] + p[4] * gauss());
    red[i] = 10 ** (p[2] + p[4] * gauss());
    orange[i] = 10 ** (p[3] + p[4] * gauss());
    if (random() < 0.002) red[i] = 0; // zero on a log axis: outside every gate
  }
  return { fws, red, orange };
}

const axis = (column: string): AxisDefinition => ({ parameter: { type: 'single', column }, transform: LOG });

/** A hand-drawn-like 16-vertex polygon around the Synechococcus cluster (display: log10(v)/7). */
const POLYGON = Array.from({ length: 16 }, (_, k) => {
  const angle = (k * 2 * Math.PI) / 16;
  const r = 0.075 * (1 + 0.18 * Math.sin(3 * angle) + 0.08 * Math.cos(5 * angle));
  return { x: 2.7 / 7 + 1.3 * r * Math.cos(angle), y: 1.9 / 7 + r * Math.sin(angle) };
});
const RECTANGLE = { xMin: 0.2, xMax: 0.5, yMin: 0.22, yMax: 0.6 };

const TEMPLATE: GateTemplate = {
  id: 'bench', name: 'bench', version: 1, exclusive: false,
  gates: [
    { type: 'polygon', id: 'syn', name: 'Synechococcus', x: axis(ORANGE), y: axis(RED), vertices: POLYGON },
    { type: 'rectangle', id: 'red', name: 'red bright', x: axis(FWS), y: axis(RED), ...RECTANGLE },
  ],
  sets: [
    { id: 'syn', name: 'Synechococcus', expression: { op: 'gate', gateId: 'syn' }, group: null, colour: null },
    { id: 'red', name: 'red bright', expression: { op: 'gate', gateId: 'red' }, group: null, colour: null },
    {
      id: 'redNotSyn', name: 'red bright, not Synechococcus', group: null, colour: null,
      expression: { op: 'and', operands: [{ op: 'gate', gateId: 'red' }, { op: 'not', operand: { op: 'gate', gateId: 'syn' } }] },
    },
  ],
};

interface EventObject {
  'FWS Total': number;
  'FL Red Total': number;
  'FL Orange Total': number;
}

interface NaiveResult {
  syn: Uint8Array;
  red: Uint8Array;
  redNotSyn: Uint8Array;
  counts: { syn: number; red: number; redNotSyn: number };
}

/** The baseline: what one writes without thinking about speed (optionally with a bounding-box test first). */
function naiveClassify(events: EventObject[], boundingBox: boolean): NaiveResult {
  const log10T = Math.log10(LOG.T);
  const display = (v: number): number => (v > 0 ? (Math.log10(v) - log10T) / LOG.M + 1 : Number.NaN);
  const minX = Math.min(...POLYGON.map((v) => v.x));
  const maxX = Math.max(...POLYGON.map((v) => v.x));
  const minY = Math.min(...POLYGON.map((v) => v.y));
  const maxY = Math.max(...POLYGON.map((v) => v.y));
  const result: NaiveResult = {
    syn: new Uint8Array(events.length),
    red: new Uint8Array(events.length),
    redNotSyn: new Uint8Array(events.length),
    counts: { syn: 0, red: 0, redNotSyn: 0 },
  };
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as EventObject;
    const fws = display(e[FWS]);
    const red = display(e[RED]);
    const orange = display(e[ORANGE]);
    let inPolygon = false;
    if (!boundingBox || (orange >= minX && orange <= maxX && red >= minY && red <= maxY)) {
      for (let a = 0, b = POLYGON.length - 1; a < POLYGON.length; b = a++) {
        const va = POLYGON[a] as { x: number; y: number };
        const vb = POLYGON[b] as { x: number; y: number };
        if (va.y > red !== vb.y > red && orange < ((vb.x - va.x) * (red - va.y)) / (vb.y - va.y) + va.x) inPolygon = !inPolygon;
      }
    }
    const inRectangle = fws >= RECTANGLE.xMin && fws <= RECTANGLE.xMax && red >= RECTANGLE.yMin && red <= RECTANGLE.yMax;
    const redNotSyn = inRectangle && !inPolygon;
    if (inPolygon) {
      result.syn[i] = 1;
      result.counts.syn++;
    }
    if (inRectangle) {
      result.red[i] = 1;
      result.counts.red++;
    }
    if (redNotSyn) {
      result.redNotSyn[i] = 1;
      result.counts.redNotSyn++;
    }
  }
  return result;
}

interface Times {
  best: number;
  median: number;
}

/**
 * The contenders timed in turns (each round: `repeats[i]` runs of contender i), so a busy moment on a shared machine
 * slows all of them rather than one; best and median per contender. One warm-up run each first (JIT).
 */
function interleaved(contenders: (() => void)[], repeats: number[], rounds: number): Times[] {
  const ms: number[][] = contenders.map(() => []);
  contenders.forEach((fn) => fn());
  for (let r = 0; r < rounds; r++) {
    contenders.forEach((fn, i) => {
      for (let k = 0; k < (repeats[i] ?? 1); k++) {
        const t0 = performance.now();
        fn();
        ms[i]?.push(performance.now() - t0);
      }
    });
  }
  return ms.map((list) => {
    list.sort((a, b) => a - b);
    return { best: list[0] ?? Number.NaN, median: list[Math.floor(list.length / 2)] ?? Number.NaN };
  });
}

const fmt = (t: Times): string => `${t.best.toFixed(1)} ms (median ${t.median.toFixed(1)})`;
const rate = (events: number, ms: number): string => `${((events / ms) * 1e3 / 1e6).toFixed(1)} M events/s`;

function sameMask(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function benchSize(lines: string[], data: ReturnType<typeof generate>, events: number, rounds: number): void {
  const fws = data.fws.subarray(0, events);
  const red = data.red.subarray(0, events);
  const orange = data.orange.subarray(0, events);
  const columns = (name: string): Float32Array | undefined => (name === FWS ? fws : name === RED ? red : name === ORANGE ? orange : undefined);
  const ours = classifyTemplate(TEMPLATE, columns, events);

  const heapBefore = process.memoryUsage().heapUsed;
  const objects: EventObject[] = Array.from(fws, (v, i) => ({ [FWS]: v, [RED]: red[i] as number, [ORANGE]: orange[i] as number }));
  const heapObjects = process.memoryUsage().heapUsed - heapBefore;
  const naive = naiveClassify(objects, false);
  const agree = (['syn', 'red', 'redNotSyn'] as const).every((id) => sameMask(ours.sets.get(id), naive[id]));

  const [tOurs, tNaive, tNaiveBox] = interleaved(
    [() => classifyTemplate(TEMPLATE, columns, events), () => naiveClassify(objects, false), () => naiveClassify(objects, true)],
    [3, 1, 1],
    rounds,
  ) as [Times, Times, Times];
  const ratio = tNaive.best / tOurs.best;
  const label = events.toLocaleString('en-US');
  lines.push(
    `${label} events: ours ${fmt(tOurs)} = ${rate(events, tOurs.best)}; counts ${JSON.stringify(ours.counts)}`,
    `  baseline naive-objects: ${fmt(tNaive)} = ${rate(events, tNaive.best)} (objects: ~${(heapObjects / 2 ** 20).toFixed(0)} MB of heap)`,
    `  = ×${ratio.toFixed(1)} vs naive-objects (median ×${(tNaive.median / tOurs.median).toFixed(1)}; goal ≥ 10×: ${ratio >= 10 ? 'ok' : 'MISSED'}); ` +
      `masks equal to the baseline's: ${agree ? 'yes' : 'NO'}`,
    `  baseline naive-objects with a bounding-box test: ${fmt(tNaiveBox)} = ${rate(events, tNaiveBox.best)} → ×${(tNaiveBox.best / tOurs.best).toFixed(1)}`,
  );
}

export async function benchClassify(): Promise<BenchResult> {
  const lines: string[] = [`seed ${SEED}, timed in turns, best of runs (median beside); load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`];
  const data = generate(5_000_000);

  // Exactness on the bench data itself: the same masks as the reference implementation (transform every event).
  const m = 1_000_000;
  const columns1 = (name: string): Float32Array | undefined =>
    name === FWS ? data.fws.subarray(0, m) : name === RED ? data.red.subarray(0, m) : name === ORANGE ? data.orange.subarray(0, m) : undefined;
  const fast = classifyTemplate(TEMPLATE, columns1, m);
  const reference = classifyTemplateReference(TEMPLATE, columns1, m);
  const identical = [...reference.sets.keys()].every((id) => sameMask(fast.sets.get(id), reference.sets.get(id)));
  const [tReference] = interleaved([() => classifyTemplateReference(TEMPLATE, columns1, m)], [1], 3) as [Times];
  lines.push(`masks identical to the reference implementation (every event transformed; ${fmt(tReference)} at 1,000,000): ${identical ? 'yes' : 'NO'}`);

  benchSize(lines, data, 1_000_000, 7);
  benchSize(lines, data, 5_000_000, 4);
  return { name: 'gate classification (polygon + rectangle + AND NOT set, log × log axes)', lines };
}
