import { describe, expect, it } from 'vitest';
import { compileAxisTransform, linearAxis, logAxis, logicleAxis } from '../../shared/gating/axes/axis-transform.js';
import { axisTicks, formatDecade, formatLinearTick, niceStep, niceTicks } from './ticks.js';

const labels = (ticks: { label: string | null }[]) => ticks.filter((t) => t.label !== null).map((t) => t.label);

describe('nice linear ticks', () => {
  it('picks 1, 2, 5 × 10ⁿ steps', () => {
    expect(niceStep(100, 5)).toBe(20);
    expect(niceStep(1, 5)).toBe(0.2);
    expect(niceStep(7000, 5)).toBe(1000);
    expect(niceStep(0.03, 5)).toBeCloseTo(0.005, 12);
    expect(niceTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(-0.13, 0.41)).toEqual([-0.1, 0, 0.1, 0.2, 0.3, 0.4]);
    expect(niceTicks(5, 5)).toEqual([5]);
    expect(niceTicks(Number.NaN, 1)).toEqual([]);
  });

  it('formats labels for the step', () => {
    expect(formatLinearTick(0.30000000000000004, 0.1)).toBe('0.3');
    expect(formatLinearTick(250, 50)).toBe('250');
    expect(formatLinearTick(20000, 10000)).toBe('20k');
    expect(formatLinearTick(25000, 5000)).toBe('25k');
    expect(formatLinearTick(1500000, 500000)).toBe('1.5M');
    expect(formatLinearTick(0, 1)).toBe('0');
    expect(formatDecade(0)).toBe('1');
    expect(formatDecade(2)).toBe('100');
    expect(formatDecade(-2)).toBe('0.01');
    expect(formatDecade(4)).toBe('10⁴');
    expect(formatDecade(-3)).toBe('10⁻³');
  });
});

describe('axis ticks', () => {
  it('linear axis: nice data values at their display positions', () => {
    const transform = linearAxis(0, 1000);
    const ticks = axisTicks(transform, [0, 1]);
    expect(ticks.map((t) => t.value)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(ticks[1]!.display).toBeCloseTo(0.2, 12);
    expect(labels(ticks)).toEqual(['0', '200', '400', '600', '800', '1000']);
  });

  it('linear axis over part of the scale (an auto range)', () => {
    const ticks = axisTicks(linearAxis(0, 1), [0.12, 0.58]);
    expect(ticks.map((t) => t.value)).toEqual([0.2, 0.3, 0.4, 0.5]);
  });

  it('log axis: decades labelled, minor ticks at 2 … 9', () => {
    const transform = logAxis(1, 1e6);
    const ticks = axisTicks(transform, [0, 1]);
    expect(labels(ticks)).toEqual(['1', '10', '100', '10³', '10⁴', '10⁵', '10⁶']);
    const t = compileAxisTransform(transform);
    for (const tick of ticks) expect(tick.display).toBeCloseTo(t.toDisplay(tick.value), 12);
    expect(ticks.some((tick) => tick.value === 300 && tick.label === null)).toBe(true);
    // ascending
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.display).toBeGreaterThan(ticks[i - 1]!.display);
  });

  it('log axis over a part-decade range falls back to linear steps; short ranges label 2 and 5', () => {
    const t = compileAxisTransform(logAxis(1, 1e6));
    const narrow = axisTicks(logAxis(1, 1e6), [t.toDisplay(200), t.toDisplay(900)]);
    expect(labels(narrow)).toEqual(['200', '300', '400', '500', '600', '700', '800', '900']);
    const short = axisTicks(logAxis(1, 1e6), [t.toDisplay(30), t.toDisplay(700)]);
    expect(labels(short)).toEqual(expect.arrayContaining(['100', '50', '200', '500']));
  });

  it('logicle axis: 0 and decades, labels spaced apart near zero', () => {
    const transform = logicleAxis();
    const ticks = axisTicks(transform, [0, 1]);
    const shown = labels(ticks);
    expect(shown).toContain('0');
    expect(shown).toContain('10³');
    expect(shown).toContain('10⁵');
    const displays = ticks.filter((x) => x.label !== null).map((x) => x.display);
    for (let i = 1; i < displays.length; i++) expect(displays[i]! - displays[i - 1]!).toBeGreaterThanOrEqual(0.07 - 1e-12);
    // negative values appear when the range reaches below 0
    const t = compileAxisTransform(transform);
    const wide = axisTicks(transform, [t.toDisplay(-2000), 1]);
    expect(labels(wide).some((l) => l!.startsWith('−'))).toBe(true);
  });

  it('gives nothing for an empty range', () => {
    expect(axisTicks(linearAxis(0, 1), [0.5, 0.5])).toEqual([]);
  });
});
