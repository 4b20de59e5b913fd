import { describe, expect, it } from 'vitest';
import { channelColours, linearScale, linePath, normaliseValues, pulseDomain, pulseGeometry } from './pulse-shape-geometry.js';

describe('pulse shape geometry', () => {
  it('maps values linearly, y growing upwards', () => {
    const x = linearScale([0, 10], 50, 100);
    expect(x.toPixel(0)).toBe(50);
    expect(x.toPixel(10)).toBe(150);
    const y = linearScale([0, 100], 10, 200, true);
    expect(y.toPixel(0)).toBe(210);
    expect(y.toPixel(100)).toBe(10);
    expect(y.toPixel(50)).toBe(110);
  });

  it('starts the y domain at zero (or below for negative values) and rounds its top up', () => {
    expect(pulseDomain([[13, 644, 590], [0.3, 2.5]])).toEqual([0, 800]);
    expect(pulseDomain([[0.39, -0.05]])).toEqual([-0.1, 0.4]);
    expect(pulseDomain([[0.39, -0.005]])).toEqual([0, 0.4]);
    expect(pulseDomain([[644, 2], [0.39, -0.005]])).toEqual([0, 800]);
    expect(pulseDomain([])).toEqual([0, 1]);
    expect(pulseDomain([[0, 0]])).toEqual([0, 1]);
  });

  it('draws a path through finite values with gaps at the others', () => {
    const path = linePath([1, 2, Number.NaN, 4], (i) => i * 10, (v) => 100 - v);
    expect(path).toBe('M0,99L10,98M30,96');
    expect(linePath([], (i) => i, (v) => v)).toBe('');
  });

  it('normalises each channel to its largest absolute value', () => {
    expect(normaliseValues([1, 2, 4])).toEqual([0.25, 0.5, 1]);
    expect(normaliseValues([0, 0])).toEqual([0, 0]);
    expect(normaliseValues([-2, 1])).toEqual([-1, 0.5]);
  });

  it('gives the usual channels distinct, stable colours', () => {
    const colours = channelColours(['FWS', 'Sidewards Scatter', 'Fl Yellow', 'Fl Orange', 'Fl Red', 'Curvature', 'Extra A', 'Extra B']);
    expect(new Set(colours).size).toBe(colours.length);
    expect(channelColours(['Fl Red'])).toEqual([colours[4]]);
  });

  it('lays out one line per channel inside the plot area', () => {
    const g = pulseGeometry(
      [
        { channel: 'FWS', values: [0, 50, 100, 50, 0] },
        { channel: 'Fl Red', values: [0, 10, 20] },
      ],
      300,
      200,
      { margin: { left: 40, right: 10, top: 10, bottom: 30 } },
    );
    expect(g.length).toBe(5);
    expect(g.lines.map((l) => l.channel)).toEqual(['FWS', 'Fl Red']);
    expect(g.lines[0]!.path.startsWith('M40,170')).toBe(true);
    expect(g.lines[0]!.path).toContain('L165,10'); // peak at the middle, top of the plot
    expect(g.lines[0]!.path.endsWith('L290,170')).toBe(true);
    expect(g.lines[1]!.max).toBe(20);
    expect(g.xTicks[0]).toMatchObject({ value: 0, px: 40 });
    expect(g.yTicks.at(-1)).toMatchObject({ value: 100, py: 10 });
    for (const t of g.xTicks) expect(Number.isInteger(t.value)).toBe(true);
  });

  it('puts every channel on 0 … 1 when normalised', () => {
    const g = pulseGeometry(
      [
        { channel: 'FWS', values: [0, 600] },
        { channel: 'Curvature', values: [0, 0.4] },
      ],
      300,
      200,
      { normalise: true, margin: { left: 40, right: 10, top: 10, bottom: 30 } },
    );
    expect(g.y.domain).toEqual([0, 1]);
    expect(g.lines[0]!.path).toBe(g.lines[1]!.path);
    expect(g.lines[0]!.max).toBe(600);
  });
});
