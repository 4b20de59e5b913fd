import { describe, expect, it } from 'vitest';
import { linearAxis, logAxis } from '../../shared/gating/axes/axis-transform.js';
import { asAxisTransform, axisScale, dataRectToPixels, dotPoints, pixelRectToData } from './plot-geometry.js';

describe('axis scale', () => {
  it('maps display ↔ pixels, x left to right', () => {
    const x = axisScale(linearAxis(0, 100), [0, 1], 40, 200);
    expect(x.displayToPixel(0)).toBe(40);
    expect(x.displayToPixel(1)).toBe(240);
    expect(x.pixelToDisplay(140)).toBe(0.5);
    expect(x.dataToPixel(25)).toBe(90);
    expect(x.pixelToData(90)).toBeCloseTo(25, 12);
  });

  it('inverts y (display grows upward)', () => {
    const y = axisScale(logAxis(1, 1e4), [0, 1], 10, 200, true);
    expect(y.dataToPixel(1)).toBe(210);
    expect(y.dataToPixel(1e4)).toBe(10);
    expect(y.dataToPixel(100)).toBeCloseTo(110, 9);
    expect(y.pixelToData(110)).toBeCloseTo(100, 9);
    expect(y.dataToPixel(0)).toBeNaN();
  });

  it('uses the display range of the payload, not the whole scale', () => {
    const x = axisScale(logAxis(1, 1e4), [0.25, 0.75], 0, 100); // 10 … 1000
    expect(x.pixelToData(0)).toBeCloseTo(10, 9);
    expect(x.pixelToData(100)).toBeCloseTo(1000, 9);
  });
});

describe('rectangles', () => {
  const x = axisScale(linearAxis(0, 100), [0, 1], 0, 100);
  const y = axisScale(logAxis(1, 1e4), [0, 1], 0, 100, true);

  it('turns a drag into a data rectangle, low end first, clamped to the plot', () => {
    const r = pixelRectToData(x, y, { x: 80, y: 25 }, { x: 20, y: 75 });
    expect(r.x[0]).toBeCloseTo(20, 9);
    expect(r.x[1]).toBeCloseTo(80, 9);
    expect(r.y[0]).toBeCloseTo(10, 9);
    expect(r.y[1]).toBeCloseTo(1000, 9);
    const clamped = pixelRectToData(x, y, { x: -50, y: -10 }, { x: 500, y: 500 });
    expect(clamped.x).toEqual([0, 100]);
    expect(clamped.y[0]).toBeCloseTo(1, 9);
    expect(clamped.y[1]).toBeCloseTo(1e4, 9);
  });

  it('places a data rectangle back in pixels', () => {
    const box = dataRectToPixels(x, y, { x: [20, 80], y: [10, 1000] })!;
    expect(box.left).toBeCloseTo(20, 9);
    expect(box.width).toBeCloseTo(60, 9);
    expect(box.top).toBeCloseTo(25, 9);
    expect(box.height).toBeCloseTo(50, 9);
  });
});

describe('payload transforms and dots', () => {
  it('accepts a valid transform and refuses others', () => {
    expect(asAxisTransform({ type: 'log', T: 1e4, M: 4 })).toEqual({ type: 'log', T: 1e4, M: 4 });
    expect(() => asAxisTransform(null)).toThrow();
    expect(() => asAxisTransform({ type: 'log', T: 0, M: 4 })).toThrow(/T/);
  });

  it('puts dots inside their bin, bottom row at the bottom, the same each time', () => {
    const x = axisScale(linearAxis(0, 1), [0, 1], 0, 100);
    const y = axisScale(linearAxis(0, 1), [0, 1], 0, 100, true);
    const nx = 10;
    const ny = 10;
    const points = dotPoints(3, 2, nx, ny, x, y); // ix 3, iy 0
    expect(points).toHaveLength(2);
    for (const p of points) {
      expect(p.x).toBeGreaterThan(30);
      expect(p.x).toBeLessThan(40);
      expect(p.y).toBeGreaterThan(90);
      expect(p.y).toBeLessThan(100);
    }
    expect(dotPoints(3, 2, nx, ny, x, y)).toEqual(points);
    const top = dotPoints(99, 1, nx, ny, x, y)[0]!; // ix 9, iy 9
    expect(top.x).toBeGreaterThan(90);
    expect(top.y).toBeLessThan(10);
  });
});
