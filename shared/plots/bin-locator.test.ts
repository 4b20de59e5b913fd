import { describe, expect, it } from 'vitest';
import { CurationError } from '../api/errors.js';
import type { AxisTransform } from '../gating/axes/axis-transform.js';
import { compileAxisTransform, linearAxis, logAxis } from '../gating/axes/axis-transform.js';
import type { DisplayRange } from './bin-locator.js';
import {
  BIN_NOT_FINITE,
  BIN_OUT_OF_DOMAIN,
  BIN_OUT_OF_RANGE,
  NOT_FINITE,
  OUT_OF_DOMAIN,
  OUT_OF_RANGE,
  bitsOf,
  countEdgesAtOrBelow,
  createBinLocator,
  locateBin,
  locateBins,
} from './bin-locator.js';
import { binHistogram1d } from './histogram-1d.js';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const floatOfBits = (bits: number): number => {
  u32[0] = bits >>> 0;
  return f32[0]!;
};
const bitsOfFloat = (v: number): number => {
  f32[0] = v;
  return u32[0]!;
};

describe('bin locator', () => {
  it('edges are the inverse transform of evenly spaced display values', () => {
    const log = createBinLocator(compileAxisTransform(logAxis(1, 1e4)), [0, 1], 4);
    // 1e4 · 10^(4·(k/4 − 1)): 1, 10, 100, 1000, 10000 (the first is 0.9999999999999999 in doubles)
    expect(Array.from(log.axis.edges).map((e) => Number(e.toPrecision(12)))).toEqual([1, 10, 100, 1000, 10000]);
    const linear = createBinLocator(compileAxisTransform(linearAxis(-2, 6)), [0.25, 1], 3);
    expect(Array.from(linear.axis.edges)).toEqual([0, 2, 4, 6]);
    expect(linear.axis.range).toEqual([0.25, 1]);
  });

  it('locateBin: half-open bins, closed last bin, codes for the rest', () => {
    const linear = createBinLocator(compileAxisTransform(linearAxis(0, 4)), [0, 1], 4);
    expect([0, 0.5, 1, 3.999, 4].map((v) => locateBin(linear, v))).toEqual([0, 0, 1, 3, 3]);
    expect(locateBin(linear, -0.001)).toBe(OUT_OF_RANGE);
    expect(locateBin(linear, 4.001)).toBe(OUT_OF_RANGE);
    expect(locateBin(linear, Number.NaN)).toBe(NOT_FINITE);
    expect(locateBin(linear, -Infinity)).toBe(NOT_FINITE);
    const log = createBinLocator(compileAxisTransform(logAxis(1, 1e4)), [0, 1], 4);
    expect(locateBin(log, 0)).toBe(OUT_OF_DOMAIN);
    expect(locateBin(log, -5)).toBe(OUT_OF_DOMAIN);
    expect(locateBin(log, 0.5)).toBe(OUT_OF_RANGE);
    expect(locateBin(log, 10)).toBe(1);
    expect(countEdgesAtOrBelow(Float64Array.from([1, 2, 2, 3]), 2)).toBe(3);
  });

  it('refuses empty or reversed ranges and bad bin counts', () => {
    const t = compileAxisTransform(linearAxis(0, 1));
    expect(() => createBinLocator(t, [1, 1], 10)).toThrow(CurationError);
    expect(() => createBinLocator(t, [0, Number.NaN], 10)).toThrow(/finite with min < max/);
    expect(() => createBinLocator(t, [0, 1], 0)).toThrow(/bins must be an integer from 1 to 8192/);
    expect(() => createBinLocator(t, [0, 1], 2.5)).toThrow(CurationError);
  });

  // Both ways of locating must give exactly what counting edges gives, for every float32 cell: its lowest and
  // highest value and one inside, values around every edge, zeros, subnormals, the largest floats, non-finite ones.
  const cases: [string, AxisTransform, DisplayRange, number][] = [
    ['log, 256 bins', logAxis(1, 1e6), [0, 1], 256],
    ['log, 7 bins over 9 decades past the top', { type: 'log', T: 1e4, M: 4 }, [-1, 1.25], 7],
    ['log, 4096 bins (many cells with several edges)', logAxis(1, 10), [0, 1], 4096],
    ['linear through zero', linearAxis(-1000, 3000), [0, 1], 300],
    ['linear, tiny values', linearAxis(-1e-30, 1e-30), [0, 1], 64],
    ['linear, edge at zero', linearAxis(0, 1), [0, 1], 256],
    ['logicle', { type: 'logicle', T: 262144, W: 0.5, M: 4.5, A: 0 }, [0, 1], 256],
    ['arcsinh, 1 bin', { type: 'arcsinh', T: 1000, M: 4, A: 1 }, [0.1, 0.9], 1],
  ];
  const codeOf = (bin: number): number => (bin >= 0 ? bin : bin === NOT_FINITE ? BIN_NOT_FINITE : bin === OUT_OF_DOMAIN ? BIN_OUT_OF_DOMAIN : BIN_OUT_OF_RANGE);
  for (const [name, transform, range, bins] of cases) {
    for (const method of transform.type === 'linear' ? (['auto', 'table'] as const) : (['auto'] as const)) {
      it(`locateBins agrees with counting edges: ${name}${method === 'table' ? ' (table)' : ''}`, () => {
        const locator = createBinLocator(compileAxisTransform(transform), range, bins, method);
        expect(locator.linear === null).toBe(method === 'table' || transform.type !== 'linear');
        const values: number[] = [];
        for (let cell = 0; cell < 0x10000; cell++) {
          values.push(floatOfBits(cell << 16), floatOfBits((cell << 16) | 0xffff), floatOfBits((cell << 16) | 0x8123));
        }
        for (const edge of locator.axis.edges) {
          const near = Math.fround(edge);
          const bits = bitsOfFloat(near);
          values.push(near, floatOfBits(bits + 1), floatOfBits(bits - 1), -near);
        }
        values.push(0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, 3.4028234663852886e38, -3.4028234663852886e38, Infinity, -Infinity, Number.NaN);
        const data = Float32Array.from(values);
        const out = new Uint16Array(data.length + 10);
        // Located in two pieces, the second written from out[0]
        const half = 70_001;
        locateBins(locator, data, bitsOf(data), 0, half, out);
        for (let i = 0; i < half; i++) if (out[i] !== codeOf(locateBin(locator, data[i]!))) expect.fail(`value ${data[i]}: got ${out[i]}, expected ${codeOf(locateBin(locator, data[i]!))}`);
        locateBins(locator, data, bitsOf(data), half, data.length, out);
        for (let i = half; i < data.length; i++) {
          if (out[i - half] !== codeOf(locateBin(locator, data[i]!))) expect.fail(`value ${data[i]}: got ${out[i - half]}, expected ${codeOf(locateBin(locator, data[i]!))}`);
        }
        // Every kind of result occurred
        const kinds = new Set(Array.from(data, (v) => Math.min(0, locateBin(locator, v))));
        expect(kinds.has(0) && kinds.has(NOT_FINITE) && kinds.has(OUT_OF_RANGE)).toBe(true);
      });
    }
  }

  it('the histogram of those values matches too', () => {
    const data = Float32Array.from({ length: 0x10000 }, (_, cell) => floatOfBits((cell << 16) | 0x4000));
    const h = binHistogram1d({ values: data, axis: { transform: logAxis(1, 1e6) }, bins: 256 });
    const locator = createBinLocator(compileAxisTransform(logAxis(1, 1e6)), [0, 1], 256);
    const expected = new Uint32Array(256);
    let outOfDomain = 0;
    for (const v of data) {
      const bin = locateBin(locator, v);
      if (bin >= 0) expected[bin]!++;
      else if (bin === OUT_OF_DOMAIN) outOfDomain++;
    }
    expect(h.counts).toEqual(expected);
    expect(h.outOfDomain).toBe(outOfDomain);
    expect(h.nonFinite).toBe(2 * 128); // the exponent-255 cells of both signs
  });
});
