import { describe, expect, it } from 'vitest';
import { cardLayout, scaledHeight } from './plot-layout.js';

describe('plot card layout', () => {
  it('keeps full-size plots when they fit side by side', () => {
    expect(cardLayout(1200, 3)).toEqual({ perRow: 3, cardWidth: 348, plotWidth: 330 });
  });

  it('shrinks plots to fit a narrow panel instead of overflowing it', () => {
    const one = cardLayout(300, 3);
    expect(one.perRow).toBe(1);
    expect(one.cardWidth).toBeLessThanOrEqual(300);
    expect(one.plotWidth).toBe(282);
    const two = cardLayout(560, 3);
    expect(two.perRow).toBe(2);
    expect(two.cardWidth * 2 + 12).toBeLessThanOrEqual(560);
  });

  it('never asks for more cards per row than there are plots', () => {
    expect(cardLayout(2000, 1)).toEqual({ perRow: 1, cardWidth: 348, plotWidth: 330 });
  });

  it('falls back to the full size while the width is unknown, and a readable minimum when very narrow', () => {
    expect(cardLayout(0, 2).plotWidth).toBe(330);
    expect(cardLayout(50, 2).plotWidth).toBe(120);
  });

  it('scales heights with the width, within bounds', () => {
    expect(scaledHeight(330, 330, 310)).toBe(310);
    expect(scaledHeight(165, 330, 310)).toBe(160);
    expect(scaledHeight(264, 330, 310)).toBe(248);
    expect(scaledHeight(500, 330, 310)).toBe(310);
  });
});
