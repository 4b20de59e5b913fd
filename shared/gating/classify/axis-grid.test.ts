import { describe, expect, it } from 'vitest';
import { compileAxisTransform, linearAxis, logAxis, logicleAxis } from '../axes/axis-transform.js';
import type { AxisTransform } from '../axes/axis-transform.js';
import { axisGrid } from './axis-grid.js';
import type { AxisGrid } from './axis-grid.js';
import { SLOT_MIXED, SLOT_OUTSIDE, SLOT_UNDECIDED, slotOfKey } from './axis-partition.js';
import { keyDomain } from './display-cut.js';
import { float32Key, KEY_NEGATIVE_INFINITY, KEY_POSITIVE_INFINITY, keyToFloat32 } from './float32-key.js';
import { seededRandom } from '../../random/seeded-random.js';

/** The slot the raster loops give a key (gate-kernels.ts), as SLOT_OUTSIDE, SLOT_UNDECIDED or cell + 2. */
function slotOf(grid: AxisGrid, key: number): number {
  if (grid.keyAligned) {
    const cell = (key - grid.keyAligned.first) >>> grid.keyAligned.shift;
    return cell < grid.cells ? cell + 2 : SLOT_OUTSIDE;
  }
  const p = grid.partition;
  const bucket = (key - p.first) >>> p.shift;
  if (bucket >= p.buckets) return SLOT_OUTSIDE;
  const slot = p.slots[bucket]!;
  return slot === SLOT_MIXED ? slotOfKey(p, key) : slot;
}

const TRANSFORMS: AxisTransform[] = [
  linearAxis(0, 1),
  linearAxis(-200, 5000),
  logAxis(1, 1e7),
  { type: 'arcsinh', T: 1000, M: 4, A: 1 },
  logicleAxis(),
  { type: 'logicle', T: 1e4, W: 1, M: 4, A: 0 },
  { type: 'hyperlog', T: 1e4, W: 1, M: 4, A: 0 },
];

describe('axis grids: every key lands in a cell whose extent holds its display value, or outside [min, max]', () => {
  it('random intervals on every transform', () => {
    const seed = 8080;
    console.log(`axis grid seed ${seed}`);
    const random = seededRandom(seed);
    const kinds = { keyAligned: 0, partitioned: 0 };
    for (const transform of TRANSFORMS) {
      const t = compileAxisTransform(transform);
      const domain = keyDomain(t)!;
      for (let round = 0; round < 40; round++) {
        const a = -0.1 + 1.2 * random();
        const min = a;
        const max = a + (random() < 0.2 ? 1e-4 : 0.02 + 0.5 * random());
        const cells = [32, 64, 192][round % 3]!;
        const grid = axisGrid(domain, min, max, cells, 4096);
        expect(grid, `${transform.type} [${min}, ${max}]`).not.toBeNull();
        kinds[grid!.keyAligned ? 'keyAligned' : 'partitioned']++;
        const kLo = float32Key(t.fromDisplay(min - 0.05 * (max - min)));
        const kHi = float32Key(t.fromDisplay(max + 0.05 * (max - min)));
        for (let i = 0; i < 400; i++) {
          const key =
            i < 390 && Number.isFinite(kLo + kHi) && kHi > kLo
              ? kLo + Math.floor(random() * (kHi - kLo + 1))
              : [KEY_NEGATIVE_INFINITY, KEY_POSITIVE_INFINITY, 0, -1, 1, KEY_POSITIVE_INFINITY + 1, KEY_NEGATIVE_INFINITY - 1, float32Key(-5), float32Key(1e30), float32Key(-1e30)][i % 10]!;
          const d = t.toDisplay(keyToFloat32(key));
          const slot = slotOf(grid!, key);
          if (slot === SLOT_OUTSIDE) {
            expect(Number.isNaN(d) || d < min || d > max, `${transform.type}: key ${key} display ${d} outside [${min}, ${max}]`).toBe(true);
          } else if (slot !== SLOT_UNDECIDED) {
            const cell = slot - 2;
            expect(d >= grid!.lo[cell]! && d <= grid!.hi[cell]!, `${transform.type}: display ${d} in cell ${cell}`).toBe(true);
          }
        }
        // Cells: non-decreasing extents, each neighbour touching or overlapping the next.
        for (let j = 1; j < grid!.cells; j++) {
          expect(grid!.lo[j]! >= grid!.lo[j - 1]! && grid!.hi[j]! >= grid!.hi[j - 1]!).toBe(true);
          expect(grid!.hi[j - 1]! >= grid!.lo[j]!).toBe(true);
        }
      }
    }
    expect(kinds.keyAligned).toBeGreaterThan(50);
    expect(kinds.partitioned).toBeGreaterThan(20);
  });

  it('log axes are key-aligned, even; a linear axis across the data zero is partitioned', () => {
    const log = axisGrid(keyDomain(compileAxisTransform(logAxis(1, 1e7)))!, 0.3, 0.5, 128, 4096)!;
    expect(log.keyAligned).not.toBeNull();
    expect(log.cells >= 128 && log.cells < 256).toBe(true);
    const widths = Array.from(log.lo, (lo, j) => log.hi[j]! - lo);
    expect(Math.max(...widths) / Math.min(...widths)).toBeLessThan(2.5);
    const linear = axisGrid(keyDomain(compileAxisTransform(linearAxis(-200, 5000)))!, 0.01, 0.6, 128, 4096)!;
    expect(linear.keyAligned).toBeNull();
    expect(linear.cells).toBe(128);
    expect(linear.lo[0]).toBe(0.01);
    expect(linear.hi[127]).toBe(0.6);
  });
});
