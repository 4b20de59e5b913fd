import { describe, expect, it } from 'vitest';
import { addToSelection, coveringSelection, removeFromSelection, toggleInSelection } from './folder-selection.js';

describe('folder selection', () => {
  it('adds paths once, in the order chosen', () => {
    let s = addToSelection([], '/data/a.fcs');
    s = addToSelection(s, '/data/b.fcs');
    s = addToSelection(s, '/data/a.fcs');
    expect(s).toEqual(['/data/a.fcs', '/data/b.fcs']);
  });

  it('lets a folder absorb what was chosen inside it', () => {
    const s = addToSelection(['/data/cruise/a.fcs', '/other/b.fcs', '/data/cruise/day2'], '/data/cruise');
    expect(s).toEqual(['/other/b.fcs', '/data/cruise']);
  });

  it('does not add what a chosen folder already covers', () => {
    const s = ['/data/cruise'];
    expect(addToSelection(s, '/data/cruise/a.fcs')).toEqual(['/data/cruise']);
    expect(coveringSelection(s, '/data/cruise/x/y.csv')).toBe('/data/cruise');
    expect(coveringSelection(s, '/data/cruise2')).toBeNull();
  });

  it('removes and toggles', () => {
    expect(removeFromSelection(['/a', '/b'], '/a')).toEqual(['/b']);
    expect(toggleInSelection(['/a'], '/a')).toEqual([]);
    expect(toggleInSelection([], '/a')).toEqual(['/a']);
    // A covered entry stays covered: only its folder can be unselected.
    expect(toggleInSelection(['/a'], '/a/b')).toEqual(['/a']);
  });
});
