/**
 * A perceptual colour map (viridis, from matplotlib; dark purple for few events, yellow for many) as a lookup table
 * per density level. Level 0 (an empty bin, or a bin drawn as dots) is fully transparent.
 */

/** Viridis sampled at 0, 0.1, …, 1 (matplotlib); linear interpolation in between is visually indistinguishable. */
const VIRIDIS_STOPS: readonly (readonly [number, number, number])[] = [
  [0x44, 0x01, 0x54],
  [0x48, 0x24, 0x75],
  [0x41, 0x44, 0x87],
  [0x35, 0x5f, 0x8d],
  [0x2a, 0x78, 0x8e],
  [0x21, 0x91, 0x8c],
  [0x22, 0xa8, 0x84],
  [0x44, 0xbf, 0x70],
  [0x7a, 0xd1, 0x51],
  [0xbd, 0xdf, 0x26],
  [0xfd, 0xe7, 0x25],
];

/** Viridis colour at t in [0, 1] (clamped), as [r, g, b]. */
export function viridis(t: number): [number, number, number] {
  const u = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const scaled = u * (VIRIDIS_STOPS.length - 1);
  const i = Math.min(VIRIDIS_STOPS.length - 2, Math.floor(scaled));
  const f = scaled - i;
  const a = VIRIDIS_STOPS[i] as readonly [number, number, number];
  const b = VIRIDIS_STOPS[i + 1] as readonly [number, number, number];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** Position on the colour map of a level: level 1 at 0, levelCount at 1. */
export function levelPosition(level: number, levelCount: number): number {
  if (levelCount <= 1) return 1;
  return (level - 1) / (levelCount - 1);
}

/** RGBA per level, 4 bytes each, for levels 0 … levelCount; level 0 transparent. */
export function levelLookupTable(levelCount: number): Uint8ClampedArray {
  const table = new Uint8ClampedArray((levelCount + 1) * 4);
  for (let level = 1; level <= levelCount; level++) {
    const [r, g, b] = viridis(levelPosition(level, levelCount));
    table.set([r, g, b, 255], level * 4);
  }
  return table;
}

/** CSS colour of a level (for legends). */
export function levelCss(level: number, levelCount: number): string {
  if (level <= 0) return 'transparent';
  const [r, g, b] = viridis(levelPosition(level, levelCount));
  return `rgb(${r}, ${g}, ${b})`;
}

/** A CSS linear-gradient of the whole map, left (few) to right (many). */
export function viridisGradientCss(direction = 'to right'): string {
  const stops = VIRIDIS_STOPS.map(([r, g, b], i) => `rgb(${r}, ${g}, ${b}) ${Math.round((i / (VIRIDIS_STOPS.length - 1)) * 100)}%`);
  return `linear-gradient(${direction}, ${stops.join(', ')})`;
}

/**
 * The RGBA pixels of a density grid for an nx × ny ImageData: canvas row 0 is the top, so grid row iy = ny − 1 − row.
 * Levels above levelCount are drawn at levelCount.
 */
export function densityPixels(levels: Uint8Array, nx: number, ny: number, levelCount: number, table = levelLookupTable(levelCount)): Uint8ClampedArray {
  if (levels.length !== nx * ny) throw new Error(`density has ${levels.length} levels, expected ${nx} × ${ny}`);
  const out = new Uint8ClampedArray(nx * ny * 4);
  for (let iy = 0; iy < ny; iy++) {
    const row = ny - 1 - iy;
    for (let ix = 0; ix < nx; ix++) {
      const level = Math.min(levelCount, levels[iy * nx + ix] as number);
      if (level === 0) continue;
      const p = (row * nx + ix) * 4;
      const t = level * 4;
      out[p] = table[t] as number;
      out[p + 1] = table[t + 1] as number;
      out[p + 2] = table[t + 2] as number;
      out[p + 3] = table[t + 3] as number;
    }
  }
  return out;
}
