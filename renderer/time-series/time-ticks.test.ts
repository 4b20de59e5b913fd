import { describe, expect, it } from 'vitest';
import { chooseInterval, timeDomain, utcTimeTicks } from './time-ticks.js';

const at = (iso: string) => Date.parse(iso);

describe('UTC time ticks', () => {
  it('uses round hours within a day, naming the date where it changes', () => {
    const ticks = utcTimeTicks(at('2026-05-14T05:40:00Z'), at('2026-05-14T18:10:00Z'), 6);
    expect(ticks.map((t) => t.label)).toEqual(['06:00', '09:00', '12:00', '15:00', '18:00']);
    expect(ticks.map((t) => t.context)).toEqual(['2026-05-14', null, null, null, null]);
    expect(ticks.every((t) => new Date(t.time).getUTCMinutes() === 0)).toBe(true);
  });

  it('names the new day when the ticks cross midnight UTC', () => {
    const ticks = utcTimeTicks(at('2026-05-14T20:00:00Z'), at('2026-05-15T04:00:00Z'), 4);
    expect(ticks.map((t) => `${t.label}${t.context ? ` ${t.context}` : ''}`)).toEqual(['21:00 2026-05-14', '00:00 2026-05-15', '03:00']);
  });

  it('uses days, months and years on longer spans', () => {
    const days = utcTimeTicks(at('2026-01-01T00:00:00Z'), at('2026-01-05T12:00:00Z'), 6);
    expect(days.map((t) => t.label)).toEqual(['01-01', '01-02', '01-03', '01-04', '01-05']);
    expect(days[0]!.context).toBe('2026');
    const months = utcTimeTicks(at('2025-11-20T00:00:00Z'), at('2026-04-10T00:00:00Z'), 6);
    expect(months.map((t) => t.label)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04']);
    const years = utcTimeTicks(at('2019-06-01T00:00:00Z'), at('2026-06-01T00:00:00Z'), 6);
    expect(years.map((t) => t.label)).toEqual(['2020', '2022', '2024', '2026']);
  });

  it('starts weeks on Monday and minutes on round values', () => {
    const weeks = utcTimeTicks(at('2026-01-01T00:00:00Z'), at('2026-02-20T00:00:00Z'), 8);
    expect(weeks.every((t) => new Date(t.time).getUTCDay() === 1)).toBe(true);
    const minutes = utcTimeTicks(at('2026-01-01T00:03:00Z'), at('2026-01-01T01:00:00Z'), 5);
    expect(minutes.map((t) => t.label)).toEqual(['00:15', '00:30', '00:45', '01:00']);
  });

  it('handles a single time and bad input', () => {
    expect(utcTimeTicks(at('2026-01-01T06:30:00Z'), at('2026-01-01T06:30:00Z'))).toEqual([{ time: at('2026-01-01T06:30:00Z'), label: '06:30', context: '2026-01-01' }]);
    expect(utcTimeTicks(10, 5)).toEqual([]);
    expect(utcTimeTicks(Number.NaN, 5)).toEqual([]);
  });

  it('chooses the smallest round interval for the span', () => {
    expect(chooseInterval(6 * 3600_000, 6)).toMatchObject({ unit: 'hour', step: 1 });
    expect(chooseInterval(40 * 365 * 86_400_000, 5)).toMatchObject({ unit: 'year', step: 10 });
  });
});

describe('time domain', () => {
  it('pads the span, or an hour each side of one time', () => {
    expect(timeDomain([0, 1000])).toEqual([-30, 1030]);
    expect(timeDomain([at('2026-01-01T06:00:00Z')])).toEqual([at('2026-01-01T05:00:00Z'), at('2026-01-01T07:00:00Z')]);
    expect(timeDomain([])).toBeNull();
  });
});
