import { describe, expect, it } from 'vitest';
import type { TimeSeriesPoint } from '../../shared/api/contract.js';
import { formatMeasureValue } from './format-point.js';
import { toPlotPoints } from './series-points.js';

const point = (id: string, time: string, count: number, abundancePerMl: number | null, flag: string | null = null): TimeSeriesPoint => ({
  sampleId: id,
  name: `S ${id}`,
  time,
  count,
  abundancePerMl,
  flag,
  reviewState: 'unreviewed',
});

const series = [
  point('b', '2026-05-14T08:00:00Z', 40, 160, '4'),
  point('a', '2026-05-14T06:00:00Z', 30, 60),
  point('c', '2026-05-14T10:00:00Z', 0, null),
];

describe('plotted points', () => {
  it('take the count, in time order', () => {
    const { points, missing, nonPositive } = toPlotPoints(series, 'count', 'linear');
    expect(points.map((p) => [p.sampleId, p.value, p.flag])).toEqual([
      ['a', 30, null],
      ['b', 40, '4'],
      ['c', 0, null],
    ]);
    expect(points[0]!.t).toBe(Date.parse('2026-05-14T06:00:00Z'));
    expect([missing, nonPositive]).toEqual([0, 0]);
  });

  it('leave out unknown abundances and, on a log scale, zeros, counting them', () => {
    expect(toPlotPoints(series, 'abundance', 'linear')).toMatchObject({ missing: 1, nonPositive: 0 });
    const log = toPlotPoints(series, 'count', 'log');
    expect(log.points.map((p) => p.sampleId)).toEqual(['a', 'b']);
    expect(log.nonPositive).toBe(1);
  });

  it('read in the tooltip as whole counts and decimal abundances', () => {
    expect(formatMeasureValue(12345, 'count')).toBe('12,345');
    expect(formatMeasureValue(60, 'abundance')).toBe('60.0');
    expect(formatMeasureValue(1.234, 'abundance')).toBe('1.23');
    expect(formatMeasureValue(12345.6, 'abundance')).toBe('12,346');
  });
});
