import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { storedFilePath } from './sample-records.js';

describe('storedFilePath', () => {
  const root = path.resolve('/data/library/files');
  it('places plain relative paths under files/ exactly as path.resolve does', () => {
    for (const rel of ['samples/cs-1/v1/images/cropped-1.jpg', 'a', 'samples/cs-1/v1/cs-1_Pulses.csv', 'a b/ç.png']) {
      expect(storedFilePath('/data/library/files', rel)).toBe(path.resolve(root, ...rel.split('/')));
    }
    // Odd but inside: resolved the long way.
    expect(storedFilePath('/data/library/files', 'samples//cs-1/./x.jpg')).toBe(path.join(root, 'samples', 'cs-1', 'x.jpg'));
    expect(storedFilePath('/data/library/files', 'samples/cs-1/../cs-2/x.jpg')).toBe(path.join(root, 'samples', 'cs-2', 'x.jpg'));
  });

  it('refuses paths that leave files/ or are not relative', () => {
    for (const rel of ['../secret', 'samples/../../secret', '/etc/passwd', 'C:/x', 'a\\..\\..\\b', 'a\0b', '..', '.', '']) {
      expect(storedFilePath('/data/library/files', rel), rel).toBeNull();
    }
  });
});
