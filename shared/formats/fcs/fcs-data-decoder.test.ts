import { describe, expect, it } from 'vitest';
import { createFcsDataDecoder, fcsIntegerBits } from './fcs-data-decoder.js';
import { readFcsDataSetHead } from './fcs-data-set-head.js';
import { readFcsHeader } from './fcs-header.js';
import type { FcsDataSetHead } from './fcs-types.js';
import { readFcs } from './read-fcs.js';
import { writeTestFcs } from './test-support/fcs-test-writer.js';
import type { TestFcsDataSet } from './test-support/fcs-test-writer.js';
import { seededRandom as prng } from '../../random/seeded-random.js';

function head(bytes: Uint8Array): FcsDataSetHead {
  const header = readFcsHeader(bytes);
  return readFcsDataSetHead(header, bytes.subarray(header.text.start, header.text.end), bytes.length);
}

/** Expected stored values, computed the slow way: modulo 2^ceil(log2 R) for integers, float32 rounding for F. */
function expected(set: TestFcsDataSet): number[][] {
  return set.parameters.map((p, i) =>
    set.events.map((ev) => {
      const v = ev[i]!;
      if (set.dataType === 'F') return Math.fround(v);
      if (set.dataType === 'D') return v;
      return p.range === undefined ? v : v % 2 ** Math.min(p.bits ?? 16, Math.ceil(Math.log2(p.range)));
    }),
  );
}

function columnsOf(bytes: Uint8Array): number[][] {
  return readFcs(bytes).datasets[0]!.columns.map((c) => Array.from(c));
}

describe('fcsIntegerBits', () => {
  it('keeps ceil(log2 $PnR) bits, capped at $PnB', () => {
    const bits = (range: number | null, b = 32) => fcsIntegerBits({ index: 1, name: 'x', label: null, range, bits: b, amplification: null, gain: null });
    expect(bits(1024)).toBe(10);
    expect(bits(1000)).toBe(10);
    expect(bits(1025)).toBe(11);
    expect(bits(16777216)).toBe(24);
    expect(bits(11209599)).toBe(24);
    expect(bits(2147483647)).toBe(31);
    expect(bits(262144, 16)).toBe(16);
    expect(bits(null, 16)).toBe(16);
    expect(bits(1)).toBe(1);
  });
});

describe('createFcsDataDecoder: data types, widths and byte orders', () => {
  for (const byteOrder of ['little', 'big'] as const) {
    it(`integers of 8, 16, 24, 32 and 64 bits in one event, masked to $PnR (${byteOrder}-endian)`, () => {
      const set: TestFcsDataSet = {
        dataType: 'I',
        byteOrder,
        parameters: [
          { name: 'u8', bits: 8, range: 256 },
          { name: 'u16 masked', bits: 16, range: 1024 },
          { name: 'u24', bits: 24, range: 16777216 },
          { name: 'u32 masked to 24', bits: 32, range: 16777216 },
          { name: 'u32 full', bits: 32, range: 4294967296 },
          { name: 'u64', bits: 64, range: 2 ** 40 },
          { name: 'u8 masked', bits: 8, range: 16 },
        ],
        events: [
          [0, 0, 0, 0, 0, 0, 0],
          [255, 0xfc05, 0xabcdef, 0xff123456, 0xfedcba98, 2 ** 40 + 12345, 0xf3],
          [7, 1023, 1, 2 ** 24, 1, 2 ** 39 + 1, 15],
        ],
      };
      const d = readFcs(writeTestFcs(set)).datasets[0]!;
      expect(d.columns.map((c) => Array.from(c))).toEqual(expected(set));
      expect(d.columns[1]![1]).toBe(5); // 0xFC05 & 0x3FF
      expect(d.columns[3]![1]).toBe(0x123456);
      expect(d.columns[4]![1]).toBe(0xfedcba98);
      expect(d.columns.map((c) => c.constructor.name)).toEqual(['Float32Array', 'Float32Array', 'Float32Array', 'Float32Array', 'Float64Array', 'Float64Array', 'Float32Array']);
      expect(d.bytesPerEvent).toBe(1 + 2 + 3 + 4 + 4 + 8 + 1);
    });

    it(`float32 and float64 (${byteOrder}-endian)`, () => {
      const cases = {
        F: [[0.1, -2.5e-7], [3.4e38, 1.5], [-0, 65504.5]],
        D: [[0.1, -2.5e-7], [3.4e38, 1e-300], [-0, Number.MAX_VALUE]],
      };
      for (const dataType of ['F', 'D'] as const) {
        const set: TestFcsDataSet = { dataType, byteOrder, parameters: [{ name: 'a' }, { name: 'b' }], events: cases[dataType] };
        const d = readFcs(writeTestFcs(set)).datasets[0]!;
        expect(d.columns.map((c) => Array.from(c))).toEqual(expected(set));
        expect(d.columns[0]).toBeInstanceOf(dataType === 'F' ? Float32Array : Float64Array);
        expect(d.parameters.map((p) => p.bits)).toEqual(dataType === 'F' ? [32, 32] : [64, 64]);
      }
    });
  }

  it('reads FCS 2.0 16-bit byte orders 1,2 and 2,1', () => {
    for (const [byteOrderKeyword, byteOrder] of [['1,2', 'little'], ['2,1', 'big']] as const) {
      const set: TestFcsDataSet = { version: 'FCS2.0', dataType: 'I', byteOrder, byteOrderKeyword, parameters: [{ name: 'FSC', bits: 16, range: 65536 }], events: [[0x1234], [0xfedc]] };
      const d = readFcs(writeTestFcs(set)).datasets[0]!;
      expect(d.byteOrder).toBe(byteOrder);
      expect(Array.from(d.columns[0]!)).toEqual([0x1234, 0xfedc]);
    }
  });

  it('computes means of the stored (masked, unscaled) values', () => {
    const set: TestFcsDataSet = {
      dataType: 'I',
      parameters: [{ name: 'FL1', bits: 16, range: 1024, amplification: '4,0', gain: '2' }],
      events: [[0x0400 + 10], [20], [0xfc00 + 30]],
    };
    const d = readFcs(writeTestFcs(set)).datasets[0]!;
    expect(d.means).toEqual([20]); // (10 + 20 + 30) / 3, masks applied, no log or gain scaling
  });

  it('gives NaN means and empty columns for a data set without events', () => {
    const d = readFcs(writeTestFcs({ dataType: 'F', parameters: [{ name: 'a' }], events: [] })).datasets[0]!;
    expect(d.events).toBe(0);
    expect(d.columns[0]).toHaveLength(0);
    expect(d.means).toEqual([Number.NaN]);
  });
});

describe('createFcsDataDecoder: chunks', () => {
  const seed = Number(process.env['FCS_TEST_SEED'] ?? Date.now() % 2 ** 31);

  it(`decodes DATA pushed in chunks of any size the same as in one piece (seed ${seed})`, () => {
    console.log(`fcs-data-decoder chunk test seed: ${seed} (replay with FCS_TEST_SEED=${seed})`);
    const rnd = prng(seed);
    const set: TestFcsDataSet = {
      dataType: 'I',
      byteOrder: 'big',
      parameters: [
        { name: 'a', bits: 16, range: 1024 },
        { name: 'b', bits: 32, range: 2 ** 31 },
        { name: 'c', bits: 8, range: 256 },
        { name: 'd', bits: 24, range: 2 ** 20 },
      ],
      events: Array.from({ length: 500 }, () => [rnd() * 65536, rnd() * 2 ** 32, rnd() * 256, rnd() * 2 ** 24].map(Math.floor)),
    };
    const bytes = writeTestFcs(set);
    const h = head(bytes);
    const data = bytes.subarray(h.segments.data!.start, h.segments.data!.end);
    for (let round = 0; round < 20; round++) {
      const decoder = createFcsDataDecoder(h);
      let at = 0;
      while (at < data.length) {
        const size = rnd() < 0.3 ? 1 + Math.floor(rnd() * 3) : 1 + Math.floor(rnd() * 200);
        decoder.push(data.subarray(at, at + size));
        at += size;
      }
      expect(decoder.remaining).toBe(0);
      const d = decoder.finish();
      expect(d.columns.map((c) => Array.from(c))).toEqual(expected(set));
    }
  });

  it('ignores bytes past the end of DATA and says how many are still needed', () => {
    const set: TestFcsDataSet = { dataType: 'F', parameters: [{ name: 'a' }, { name: 'b' }], events: [[1, 2], [3, 4]] };
    const bytes = writeTestFcs(set);
    const h = head(bytes);
    const decoder = createFcsDataDecoder(h);
    expect(decoder.remaining).toBe(16);
    decoder.push(bytes.subarray(h.segments.data!.start, h.segments.data!.start + 5));
    expect(decoder.remaining).toBe(11);
    decoder.push(bytes.subarray(h.segments.data!.start + 5, bytes.length));
    decoder.push(new Uint8Array([1, 2, 3, 4]));
    expect(decoder.remaining).toBe(0);
    expect(decoder.finish().columns.map((c) => Array.from(c))).toEqual([[1, 3], [2, 4]]);
  });

  it('refuses to finish before all DATA arrived', () => {
    const set: TestFcsDataSet = { dataType: 'I', parameters: [{ name: 'a', bits: 16 }], events: [[1], [2], [3]] };
    const bytes = writeTestFcs(set);
    const h = head(bytes);
    const decoder = createFcsDataDecoder(h);
    decoder.push(bytes.subarray(h.segments.data!.start, h.segments.data!.start + 3));
    expect(() => decoder.finish()).toThrow('DATA segment ended after 3 of 6 bytes (1 of 3 events): truncated file');
  });

  it('refuses a head whose DATA cannot be decoded, with its reason', () => {
    const bytes = writeTestFcs({ dataType: 'I', parameters: [{ name: 'a', bits: 12 }], events: [] });
    expect(() => createFcsDataDecoder(head(bytes))).toThrow('$P1B=12 is not supported: integers must be 8, 16, 24, 32 or 64 bits');
  });

  it('matches columnsOf for the same file (sanity of the helper)', () => {
    const set: TestFcsDataSet = { dataType: 'I', parameters: [{ name: 'a', bits: 16, range: 512 }], events: [[513], [2]] };
    expect(columnsOf(writeTestFcs(set))).toEqual([[1, 2]]);
  });
});
