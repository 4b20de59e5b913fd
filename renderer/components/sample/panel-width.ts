/** Width of the sample view beside the table: a default from the window width, kept within bounds, remembered. */

export const PANEL_MIN = 380;
/** What the table keeps at least, beside the sample view. */
export const TABLE_MIN = 360;
export const PANEL_DEFAULT_MAX = 760;
export const PANEL_WIDTH_KEY = 'cytocurator.samplePanelWidth';

/** Half the window (the plots need room), between the minimum and PANEL_DEFAULT_MAX. */
export function defaultPanelWidth(viewport: number): number {
  return clampPanelWidth(Math.min(PANEL_DEFAULT_MAX, Math.round(viewport * 0.5)), viewport);
}

/** A width that leaves the table TABLE_MIN pixels, and never below PANEL_MIN (which wins on a tiny window). */
export function clampPanelWidth(width: number, viewport: number): number {
  const max = Math.max(PANEL_MIN, viewport - TABLE_MIN);
  if (!Number.isFinite(width)) return Math.min(max, PANEL_DEFAULT_MAX);
  return Math.round(Math.min(max, Math.max(PANEL_MIN, width)));
}

/** The remembered width, or null when none (or not a number). */
export function parseStoredWidth(text: string | null): number | null {
  if (text === null || text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? n : null;
}
