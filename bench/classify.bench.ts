// Classification is a tight loop over Float32 columns with no per-event allocation. Baseline in the same run: an
// array of event objects, Math.log10 per event and a point-in-polygon on arrays of vertex objects.
import { classifyTemplate } from '../shared/gating/classify/classify.js';
import { logAxis } from '../shared/gating/axes/axis-transform.js';
import type { GateTemplate } from '../shared/gating/gate.js';
import type { BenchResult } from './measure.js';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export async function benchClassify(events = 1_000_000): Promise<BenchResult> {
  const rnd = seeded(20261129);
  const x = new Float32Array(events);
  const y = new Float32Array(events);
  for (let i = 0; i < events; i++) {
    x[i] = 10 ** (1 + 5 * rnd());
    y[i] = 10 ** (1 + 5 * rnd());
  }
  const axis = (column: string) => ({ parameter: { type: 'single' as const, column }, transform: logAxis(1, 1e7) });
  // A 36-vertex polygon (a circle) in display space, and a rectangle.
  const vertices = Array.from({ length: 36 }, (_, k) => ({ x: 0.5 + 0.2 * Math.cos((k * Math.PI) / 18), y: 0.5 + 0.2 * Math.sin((k * Math.PI) / 18) }));
  const template: GateTemplate = {
    id: 't', name: 'bench', version: 1, exclusive: true,
    gates: [
      { type: 'polygon', id: 'p', name: 'p', x: axis('x'), y: axis('y'), vertices },
      { type: 'rectangle', id: 'r', name: 'r', x: axis('x'), y: axis('y'), xMin: 0.6, xMax: 0.9, yMin: 0.1, yMax: 0.4 },
    ],
    sets: [
      { id: 'a', name: 'A', expression: { op: 'gate', gateId: 'p' }, group: null, colour: null },
      { id: 'b', name: 'B', expression: { op: 'gate', gateId: 'r' }, group: null, colour: null },
    ],
  };
  const columns = (name: string) => (name === 'x' ? x : name === 'y' ? y : undefined);
  const time = (fn: () => void) => {
    fn();
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      fn();
      runs.push(performance.now() - t);
    }
    return runs.sort((a, b) => a - b)[2]!;
  };
  let ours = 0;
  const fast = time(() => {
    ours = classifyTemplate(template, columns, events).counts.a ?? 0;
  });
  // Naive: objects per event, log per event, polygon of objects (toDisplay of log(1, 1e7) is log10(v) / 7).
  const objects = Array.from({ length: events }, (_, i) => ({ x: x[i]!, y: y[i]! }));
  let naiveCount = 0;
  let rectCount = 0;
  const naive = time(() => {
    naiveCount = 0;
    rectCount = 0;
    for (const e of objects) {
      const px = Math.log10(e.x) / 7;
      const py = Math.log10(e.y) / 7;
      let inside = false;
      for (let i = 0, j = vertices.length - 1; i < vertices.length; j = i++) {
        const a = vertices[i]!;
        const b = vertices[j]!;
        if (a.y > py !== b.y > py && px < ((b.x - a.x) * (py - a.y)) / (b.y - a.y) + a.x) inside = !inside;
      }
      // Exclusive: the rectangle's set takes what the polygon's did not.
      if (inside) naiveCount++;
      else if (px >= 0.6 && px <= 0.9 && py >= 0.1 && py <= 0.4) rectCount++;
    }
  });
  return {
    name: `classification, ${events} events, 36-vertex polygon + rectangle on log axes, exclusive (baseline: objects, Math.log10 per event, the same two gates on vertex objects = ${naive.toFixed(0)} ms)`,
    lines: [`ours: ${fast.toFixed(1)} ms = ${(naive / fast).toFixed(1)}× faster than the baseline (counts: ours ${ours}, baseline ${naiveCount}; rectangle set: baseline ${rectCount})`],
  };
}
