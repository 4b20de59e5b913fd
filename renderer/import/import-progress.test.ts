import { describe, expect, it } from 'vitest';
import { progressFraction, progressView, splitProgressMessage } from './import-progress.js';

describe('splitProgressMessage', () => {
  it('takes the MB counts off the end of the message', () => {
    expect(splitProgressMessage('reading Pond_NA 2023-05-24 09h23 (0.0 of 2.9 MB)')).toEqual({
      text: 'reading Pond_NA 2023-05-24 09h23',
      doneMB: 0,
      totalMB: 2.9,
    });
    expect(splitProgressMessage('done (1234.5 of 1234.5 MB)')).toEqual({ text: 'done', doneMB: 1234.5, totalMB: 1234.5 });
  });

  it('keeps a message without counts as it is', () => {
    expect(splitProgressMessage('scanning (folder a)')).toEqual({ text: 'scanning (folder a)', doneMB: null, totalMB: null });
  });
});

describe('progressFraction', () => {
  it('follows the item count', () => {
    expect(progressFraction(1, 4, 0.1, 100)).toBe(0.25);
    expect(progressFraction(0, 0, null, null)).toBeNull();
    expect(progressFraction(5, 4, null, null)).toBe(1);
  });

  it('follows the bytes for a single item, or when items are not counted', () => {
    expect(progressFraction(0, 1, 1, 4)).toBe(0.25);
    expect(progressFraction(0, null, 3, 4)).toBe(0.75);
    expect(progressFraction(0, null, null, null)).toBeNull();
  });
});

describe('progressView', () => {
  it('words the counts for the dialog', () => {
    expect(progressView({ done: 1, total: 3, message: 'imported a (1.5 of 2.9 MB)' })).toEqual({
      text: 'Imported a',
      items: '1 of 3 items',
      bytes: '1.5 of 2.9 MB',
      fraction: 1 / 3,
    });
    expect(progressView({ done: 0, total: 1, message: 'found 1 item(s) to import (0.0 of 2.9 MB)' }).items).toBe('0 of 1 item');
  });

  it('says it is starting before the first event', () => {
    expect(progressView(null)).toEqual({ text: 'Starting…', items: '', bytes: '', fraction: null });
  });
});
