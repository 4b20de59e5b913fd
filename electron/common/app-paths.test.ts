import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, resourcesDir, resourcesDirVariable } from './app-paths.js';

describe('resourcesDir', () => {
  it('is the project resources folder, a given root\'s, or the packaged folder the shell announced', () => {
    expect(resourcesDir(undefined, {})).toBe(path.join(projectRoot(), 'resources'));
    expect(resourcesDir('/opt/app', {})).toBe(path.join('/opt/app', 'resources'));
    const packaged = { [resourcesDirVariable]: '/opt/CytoCurator/resources/resources' };
    expect(resourcesDir(undefined, packaged)).toBe('/opt/CytoCurator/resources/resources');
    // An explicit root (the CLI's) wins over the announcement.
    expect(resourcesDir('/opt/app', packaged)).toBe(path.join('/opt/app', 'resources'));
  });
});
