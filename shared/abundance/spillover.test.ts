import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../electron/test-support/real-fixtures.js';
import { CurationError } from '../api/errors.js';
import { fcsKeyword } from '../formats/fcs/fcs-values.js';
import { readFcs, readFcsDataSetHeads } from '../formats/fcs/read-fcs.js';
import { compensateColumns, invertMatrix, parseSpillover, readSpillover, spilloverParameterIndices } from './spillover.js';

/** Naive x = c · S, event by event, in float64: the spillover the instrument adds (independent of the module). */
function applySpillover(columns: Float64Array[], s: number[][]): Float32Array[] {
  const n = s.length;
  const events = columns[0]!.length;
  const out = s.map(() => new Float32Array(events));
  for (let e = 0; e < events; e++) {
    for (let j = 0; j < n; j++) {
      let x = 0;
      for (let i = 0; i < n; i++) x += columns[i]![e]! * s[i]![j]!;
      out[j]![e] = x;
    }
  }
  return out;
}

function product(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((sum, v, k) => sum + v * b[k]![j]!, 0)));
}

function expectIdentity(m: number[][], tolerance: number): void {
  m.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - (i === j ? 1 : 0))).toBeLessThanOrEqual(tolerance)));
}

function thrown(f: () => unknown): CurationError {
  try {
    f();
  } catch (e) {
    if (e instanceof CurationError) return e;
    throw e;
  }
  throw new Error('expected a CurationError');
}

// S[i][j] = fraction of fluorochrome i's signal seen in parameter j (rows FROM, columns INTO).
const S3 = [
  [1, 0.2, 0.1],
  [0.1, 1, 0.2],
  [0, 0.1, 1],
];

describe('invertMatrix', () => {
  it('inverts a 3 × 3 spillover matrix like the hand computation', () => {
    // By hand: det S = 1·(1 − 0.02) − 0.2·(0.1 − 0) + 0.1·(0.01 − 0) = 0.98 − 0.02 + 0.001 = 0.961.
    // Adjugate (transposed cofactors) = [[0.98, −0.19, −0.06], [−0.1, 1, −0.19], [0.01, −0.1, 0.98]]; S⁻¹ = adj / 0.961.
    const hand = [
      [0.98, -0.19, -0.06],
      [-0.1, 1, -0.19],
      [0.01, -0.1, 0.98],
    ].map((row) => row.map((v) => v / 0.961));
    const inv = invertMatrix(S3);
    inv.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(hand[i]![j]!, 12)));
    expectIdentity(product(S3, inv), 1e-12);
  });

  it('needs partial pivoting for a zero on the diagonal', () => {
    // Permutation plus scale: the inverse swaps back and halves.
    expect(
      invertMatrix([
        [0, 1, 0],
        [1, 0, 0],
        [0, 0, 2],
      ]),
    ).toEqual([
      [0, 1, 0],
      [1, 0, 0],
      [0, 0, 0.5],
    ]);
  });

  it('refuses singular, non-square, empty and non-number matrices with a clear error', () => {
    const singular = thrown(() =>
      invertMatrix(
        [
          [1, 2, 3],
          [2, 4, 6],
          [0, 0, 1],
        ],
        'SPILL',
      ),
    );
    expect(singular.code).toBe('invalid-input');
    expect(singular.field).toBe('SPILL');
    expect(singular.message).toBe(
      'SPILL is singular and cannot be inverted (no usable pivot in column 2: rows are linearly dependent, e.g. two equal rows or a row of zeros)',
    );
    expect(
      thrown(() =>
        invertMatrix([
          [1, 0],
          [0, 0],
        ]),
      ).message,
    ).toMatch(/^spillover matrix is singular/);
    expect(thrown(() => invertMatrix([[1, 0], [0]])).message).toBe('spillover matrix is not square: row 2 has 1 values, expected 2');
    expect(thrown(() => invertMatrix([])).message).toBe('spillover matrix is empty');
    expect(thrown(() => invertMatrix([[NaN]])).message).toBe('spillover matrix has a value that is not a number at row 1, column 1');
  });
});

describe('compensateColumns', () => {
  it('gives back the true values of a hand example', () => {
    // c = (100, 50, 10): x1 = 100·1 + 50·0.1 + 10·0 = 105; x2 = 100·0.2 + 50·1 + 10·0.1 = 71; x3 = 100·0.1 + 50·0.2 + 10·1 = 30
    const raw = [new Float32Array([105]), new Float32Array([71]), new Float32Array([30])];
    const out = compensateColumns(raw, S3);
    expect(out.every((c) => c instanceof Float32Array)).toBe(true);
    expect(out[0]![0]).toBeCloseTo(100, 4);
    expect(out[1]![0]).toBeCloseTo(50, 4);
    expect(out[2]![0]).toBeCloseTo(10, 4);
    expect(raw[0]![0]).toBe(105); // out of place
  });

  it('round trip: spillover applied then compensated gives the original within 1e-5', () => {
    const seed = 7031;
    console.log(`spillover round-trip seed ${seed}`);
    let state = seed;
    const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648) * 10;
    const events = 5000;
    const truth = S3.map(() => Float64Array.from({ length: events }, next));
    const comp = compensateColumns(applySpillover(truth, S3), S3);
    let worst = 0;
    for (let j = 0; j < 3; j++) for (let e = 0; e < events; e++) worst = Math.max(worst, Math.abs(comp[j]![e]! - truth[j]![e]!));
    expect(worst).toBeLessThan(1e-5);
  });

  it('accepts Float64 columns, propagates NaN, and refuses mismatched columns or a singular matrix', () => {
    const out = compensateColumns([new Float64Array([105, NaN]), new Float64Array([71, 1]), new Float64Array([30, 1])], S3);
    expect(out[0]![0]).toBeCloseTo(100, 4);
    expect(Number.isNaN(out[0]![1]!)).toBe(true);
    expect(thrown(() => compensateColumns([new Float32Array(2), new Float32Array(2)], S3)).message).toBe('$SPILLOVER is 3 × 3 but 2 columns were given to compensate');
    expect(thrown(() => compensateColumns([new Float32Array(2), new Float32Array(2), new Float32Array(3)], S3, 'SPILL')).message).toBe(
      'column 3 has 3 events, column 1 has 2',
    );
    expect(
      thrown(() =>
        compensateColumns(
          [new Float32Array(1), new Float32Array(1)],
          [
            [1, 1],
            [1, 1],
          ],
        ),
      ).message,
    ).toMatch(/^\$SPILLOVER is singular/);
  });
});

describe('parseSpillover', () => {
  it('reads n, names and row-major values, tolerating whitespace, line breaks and extra commas', () => {
    const r = parseSpillover(' 2 , FL1-A ,FL2-A,,\r\n 1, 0.1 ,\n0.25 ,1 ,', 'SPILL');
    expect(r).toEqual({
      spillover: {
        parameters: ['FL1-A', 'FL2-A'],
        matrix: [
          [1, 0.1],
          [0.25, 1],
        ],
      },
      issues: [],
    });
  });

  it('reports broken values as issues naming the keyword', () => {
    // MACSQuant 3.1 writes names without values.
    expect(parseSpillover('6,FL2-A,FL2-H,FL4-A,FL4-H,FL7-A,FL7-H')).toEqual({
      spillover: null,
      issues: [{ field: '$SPILLOVER', message: '$SPILLOVER has 6 names and 0 values; 6 parameters need 6 names and 36 values' }],
    });
    expect(parseSpillover('', 'SPILL').issues[0]?.message).toBe('SPILL is empty');
    expect(parseSpillover('two,A,B,1,0,0,1').issues[0]?.message).toBe('$SPILLOVER does not start with a parameter count ("two")');
    expect(parseSpillover('2,A,B,1,0,x,1').issues[0]?.message).toBe('$SPILLOVER value "x" (row 2, column 1) is not a number');
    expect(parseSpillover('2,A,B,1,0,0,1,5').issues[0]?.message).toBe('$SPILLOVER has 2 names and 5 values; 2 parameters need 2 names and 4 values');
    expect(parseSpillover('2,A,0.5,1,0,0,1').issues[0]?.message).toBe('$SPILLOVER name 2 is a number (0.5): the count 2 does not match the names');
  });

  it('keeps a matrix with warnings: diagonal not 1 (percentages), duplicate names', () => {
    const r = parseSpillover('2,A,A,100,5,10,100', '$COMP');
    expect(r.spillover?.matrix).toEqual([
      [100, 5],
      [10, 100],
    ]);
    expect(r.issues.map((i) => i.message)).toEqual([
      '$COMP names parameter "A" twice',
      '$COMP diagonal is not 1 (row 1: 100); the values may be percentages — check before compensating',
    ]);
  });
});

describe('readSpillover and spilloverParameterIndices', () => {
  it('takes $SPILLOVER, then SPILL, then $COMP, reporting unreadable ones on the way', () => {
    const r = readSpillover({ $SPILLOVER: '2,A,B', spill: '2,A,B,1,0,0,1' });
    expect(r.keyword).toBe('SPILL');
    expect(r.spillover?.parameters).toEqual(['A', 'B']);
    expect(r.issues).toEqual([{ field: '$SPILLOVER', message: '$SPILLOVER has 2 names and 0 values; 2 parameters need 2 names and 4 values' }]);
    expect(readSpillover({})).toEqual({ spillover: null, keyword: null, issues: [] });
  });

  it('maps matrix names to parameters by $PnN, else $PnS', () => {
    const spill = { parameters: ['FL1-A', 'CD4'], matrix: [] };
    const params = [{ name: 'Time' }, { name: 'FL2-A', label: 'CD4' }, { name: 'FL1-A', label: null }];
    expect(spilloverParameterIndices(spill, params)).toEqual({ indices: [2, 1], issues: [] });
    expect(spilloverParameterIndices({ parameters: ['FL9-A'], matrix: [] }, params, 'SPILL')).toEqual({
      indices: null,
      issues: [{ field: 'SPILL', message: 'SPILL names "FL9-A", which is not a parameter of this data set ($PnN or $PnS)' }],
    });
  });
});

describe('spillover of real FCS files', () => {
  it('BD Fortessa SPILL (4 × 4): values as written, compensation round trip on the real events', () => {
    const d = readFcs(readRealFixture('fcsparser/Fortessa/FCS_3.0_Fortessa_PBS_Specimen_001_A1_A01.fcs')).datasets[0]!;
    const r = readSpillover(d.keywords);
    expect(r.keyword).toBe('SPILL');
    expect(r.issues).toEqual([]);
    // By eye from the TEXT: SPILL = 4,FITC-A,PerCP-Cy5-5-A,AmCyan-A,PE-Texas Red-A,1,0,0.15999999430400005,0,0,1,0,0,
    // 0.015000003206999964,0,1,0,0.0030000039808999713,0,0.014999998701599989,1
    expect(r.spillover).toEqual({
      parameters: ['FITC-A', 'PerCP-Cy5-5-A', 'AmCyan-A', 'PE-Texas Red-A'],
      matrix: [
        [1, 0, 0.15999999430400005, 0],
        [0, 1, 0, 0],
        [0.015000003206999964, 0, 1, 0],
        [0.0030000039808999713, 0, 0.014999998701599989, 1],
      ],
    });
    const { indices } = spilloverParameterIndices(r.spillover!, d.parameters, 'SPILL');
    expect(indices).not.toBeNull();
    const raw = indices!.map((i) => d.columns[i]!);
    const comp = compensateColumns(raw, r.spillover!.matrix, 'SPILL');
    // Independent check: compensated · S must give the raw values back (float32 outputs: relative 1e-5).
    const back = applySpillover(comp.map((c) => Float64Array.from(c)), r.spillover!.matrix);
    let worst = 0;
    for (let j = 0; j < 4; j++) {
      for (let e = 0; e < d.events; e++) {
        const x = raw[j]![e]!;
        worst = Math.max(worst, Math.abs(back[j]![e]! - x) / Math.max(1, Math.abs(x)));
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-5);
    // PerCP-Cy5-5-A neither spills nor receives (its row and column are the identity's), so it comes out unchanged.
    expect(comp[1]).toEqual(Float32Array.from(raw[1]!));
  });

  it('Accuri C6 Plus $SPILLOVER (8 × 8, area and height blocks) inverts', () => {
    const head = readFcsDataSetHeads(readRealFixture('flowio/B01 KC-A-W---91-US.fcs')).datasets[0]!;
    const r = parseSpillover(fcsKeyword(head.keywords, '$SPILLOVER')!);
    expect(r.issues).toEqual([]);
    // By eye: names FL1-A … FL4-A, FL1-H … FL4-H; row 2 = 0.0285,1.0000,0.2630,0.0028,0,0,0,0; row 8 = 0,0,0,0,0.0002,0.0000,0.0265,1.0000
    expect(r.spillover!.parameters).toEqual(['FL1-A', 'FL2-A', 'FL3-A', 'FL4-A', 'FL1-H', 'FL2-H', 'FL3-H', 'FL4-H']);
    expect(r.spillover!.matrix[1]).toEqual([0.0285, 1, 0.263, 0.0028, 0, 0, 0, 0]);
    expect(r.spillover!.matrix[7]).toEqual([0, 0, 0, 0, 0.0002, 0, 0.0265, 1]);
    expectIdentity(product(r.spillover!.matrix, invertMatrix(r.spillover!.matrix)), 1e-12);
  });

  it('Cytek Aurora $SPILLOVER (22 × 22) with 1E-06 in row 2; MACSQuant names without values; Stratedigm identity', () => {
    const cytek = readFcsDataSetHeads(readRealFixture('fcsparser/cytek-nl-2000/sample_header.fcs')).datasets[0]!;
    const c = readSpillover(cytek.keywords);
    expect(c.keyword).toBe('$SPILLOVER');
    expect(c.spillover!.parameters[0]).toBe('B1-A');
    expect(c.spillover!.parameters[21]).toBe('R8-A');
    // By eye: the 23rd value (row 2, column 1) is 1E-06.
    expect(c.spillover!.matrix[1]!.slice(0, 2)).toEqual([1e-6, 1]);

    const macs = readFcsDataSetHeads(readRealFixture('fcsparser/MiltenyiBiotec/FCS3.1/EY_2013-07-19_PBS_FCS_3.1_Well_A1.001.fcs')).datasets[0]!;
    expect(readSpillover(macs.keywords)).toEqual({
      spillover: null,
      keyword: null,
      issues: [{ field: '$SPILLOVER', message: '$SPILLOVER has 6 names and 0 values; 6 parameters need 6 names and 36 values' }],
    });

    // Stratedigm: SPILL with 16 $PnN-style names (one replaced by x's in the fixture) and an identity matrix.
    const strat = readFcs(readRealFixture('flowio/variable_int_example.fcs')).datasets[0]!;
    const s = readSpillover(strat.keywords);
    expect(s.keyword).toBe('SPILL');
    expect(s.spillover!.parameters[0]).toBe('488/552nm PECy5.5 (710/40) LogH');
    expectIdentity(s.spillover!.matrix, 0);
    // The junk name matches no parameter: reported, not guessed.
    expect(spilloverParameterIndices(s.spillover!, strat.parameters, 'SPILL').issues[0]?.message).toBe(
      'SPILL names "xxxxxxxxxxxxxxxxxxxxxxxxxxxx", which is not a parameter of this data set ($PnN or $PnS)',
    );
  });
});
