import { describe, expect, it } from 'vitest';
import { clampPanelWidth, defaultPanelWidth, PANEL_MIN, parseStoredWidth, TABLE_MIN } from './panel-width.js';

describe('sample view width', () => {
  it('defaults to half the window, at most 760 px', () => {
    expect(defaultPanelWidth(1440)).toBe(720);
    expect(defaultPanelWidth(2560)).toBe(760);
    expect(defaultPanelWidth(900)).toBe(450);
  });

  it('leaves the table its minimum, and keeps its own', () => {
    expect(clampPanelWidth(2000, 1440)).toBe(1440 - TABLE_MIN);
    expect(clampPanelWidth(100, 1440)).toBe(PANEL_MIN);
    expect(clampPanelWidth(500, 600)).toBe(PANEL_MIN);
    expect(clampPanelWidth(Number.NaN, 1440)).toBe(760);
  });

  it('reads a remembered width', () => {
    expect(parseStoredWidth('640')).toBe(640);
    expect(parseStoredWidth(null)).toBeNull();
    expect(parseStoredWidth('wide')).toBeNull();
    expect(parseStoredWidth('')).toBeNull();
  });
});
