import path from 'node:path';
import { projectRoot } from '../common/app-paths.js';
import { createCurationService } from '../service/curation-service.js';
import type { CurationService } from '../service/curation-service.js';

/** A service over a fresh temporary user-data folder, with the real shipped Demo library source. */
export function makeService(home: string, overrides: { openLibraryDir?: string; serverUrl?: string } = {}): CurationService {
  return createCurationService({
    version: 'test',
    defaultLibraryDir: path.join(home, 'library'),
    demoSourceDir: path.join(projectRoot(), 'resources', 'demo'),
    demoLibraryDir: path.join(home, 'demo-library'),
    ...overrides,
  });
}
