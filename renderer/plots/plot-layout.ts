/** How many plot cards fit side by side in a width, and how wide each plot is then (plots shrink to fit, never scroll). */

export interface CardLayout {
  /** Cards per row (at least 1). */
  perRow: number;
  /** Outer width of a card in CSS pixels. */
  cardWidth: number;
  /** Width of the plot inside it (the card minus its padding and border). */
  plotWidth: number;
}

export interface CardLayoutOptions {
  /** Gap between cards. */
  gap: number;
  /** Padding and border of a card, both sides together. */
  chrome: number;
  /** Smallest and largest plot widths. */
  minPlot: number;
  maxPlot: number;
}

export const DEFAULT_CARD_LAYOUT: CardLayoutOptions = { gap: 12, chrome: 18, minPlot: 220, maxPlot: 330 };

/**
 * `count` cards in `available` pixels: as many per row as fit at the smallest plot width (up to `count`), each as
 * wide as the row allows up to the largest. A width unknown yet (0) or too narrow for even one card gives one card
 * of the available width (down to 120 px of plot, so a plot stays readable).
 */
export function cardLayout(available: number, count: number, options: CardLayoutOptions = DEFAULT_CARD_LAYOUT): CardLayout {
  const { gap, chrome, minPlot, maxPlot } = options;
  const n = Math.max(1, Math.floor(count));
  if (!(available > 0)) return { perRow: 1, cardWidth: maxPlot + chrome, plotWidth: maxPlot };
  const fit = Math.floor((available + gap) / (minPlot + chrome + gap));
  const perRow = Math.max(1, Math.min(n, fit));
  const cardWidth = Math.floor((available - gap * (perRow - 1)) / perRow);
  const plotWidth = Math.max(120, Math.min(maxPlot, cardWidth - chrome));
  return { perRow, cardWidth: plotWidth + chrome, plotWidth };
}

/** A plot height that keeps the proportions of the full-size plot (`maxWidth` × `maxHeight`) as it shrinks. */
export function scaledHeight(plotWidth: number, maxWidth: number, maxHeight: number, minHeight = 160): number {
  if (!(maxWidth > 0)) return maxHeight;
  return Math.max(minHeight, Math.min(maxHeight, Math.round((plotWidth / maxWidth) * maxHeight)));
}
