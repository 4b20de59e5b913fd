import { describe, expect, it } from 'vitest';
import { levelForCount } from '../../shared/plots/density-image.js';
import { densitySummary, legendStops } from './density-legend.js';

describe('density legend', () => {
  it('runs from count 1 to the fullest bin, counts matching their levels', () => {
    const stops = legendStops(5000, 255, 4);
    expect(stops[0]).toMatchObject({ level: 1, count: 1, at: 0 });
    expect(stops.at(-1)).toMatchObject({ level: 255, count: 5000, at: 1 });
    for (const s of stops) expect(levelForCount(s.count, 5000, 255)).toBe(s.level);
    for (let i = 1; i < stops.length; i++) expect(stops[i]!.count).toBeGreaterThan(stops[i - 1]!.count);
  });

  it('shows each count once when the fullest bin is small', () => {
    const stops = legendStops(2, 255, 4);
    expect(stops.map((s) => s.count)).toEqual([1, 2]);
    expect(legendStops(0, 255)).toEqual([]);
  });

  it('summarises what was left out', () => {
    const f = (n: number) => String(n);
    expect(densitySummary({ total: 100, binned: 90, outOfRange: 6, outOfDomain: 3, nonFinite: 1 }, f)).toBe(
      '90 of 100 events shown; 6 outside the range; 4 not plottable on these axes',
    );
    expect(densitySummary({ total: 5, binned: 5, outOfRange: 0, outOfDomain: 0, nonFinite: 0 }, f)).toBe('5 of 5 events shown');
  });
});
