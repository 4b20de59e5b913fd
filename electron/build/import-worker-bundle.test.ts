import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../common/app-paths.js';
import { groupImportFiles } from '../import/group-files.js';
import { scanPaths } from '../import/scan-paths.js';
import { runTaskInWorker } from '../import/worker-runner.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { bundleShell } from './bundle-shell.js';

const tempDir = useTempDirs();

describe('compiled import worker (what the packaged Electron app runs)', () => {
  it('parses a demo sample with no TypeScript loader', async () => {
    const out = tempDir();
    const { importWorker } = await bundleShell({ root: projectRoot(), outDir: out });
    const { files } = await scanPaths([path.join(projectRoot(), 'resources', 'demo', 'exports')]);
    const unit = groupImportFiles(files).units[0]!;
    const [parsed] = await runTaskInWorker({ unit, stagingDir: path.join(tempDir(), 'staging') }, { compiledFile: importWorker });
    expect(parsed?.name).toMatch(/^DEMO /);
    expect(parsed?.eventCount).toBeGreaterThan(1000);
    expect(parsed?.columns.map((c) => c.header)).toContain('Fl Red Total');
  });
});
