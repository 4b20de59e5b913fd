import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLibraryArg, resolveShellPaths } from './launch-options.js';

const cwd = path.resolve('/home/u/work');

describe('parseLibraryArg', () => {
  it('is undefined without the flag', () => {
    expect(parseLibraryArg(['/opt/electron', '.', '--no-sandbox'], cwd)).toBeUndefined();
  });

  it('reads --library DIR and --library=DIR, resolved against cwd', () => {
    expect(parseLibraryArg(['electron', '.', '--library', 'lib1'], cwd)).toBe(path.join(cwd, 'lib1'));
    expect(parseLibraryArg(['app', '--library=/data/lib2'], cwd)).toBe(path.resolve('/data/lib2'));
  });

  it('lets the last occurrence win and ignores a flag without a value', () => {
    expect(parseLibraryArg(['app', '--library', 'a', '--library=b'], cwd)).toBe(path.join(cwd, 'b'));
    expect(parseLibraryArg(['app', '--library'], cwd)).toBeUndefined();
    expect(parseLibraryArg(['app', '--library', '--inspect'], cwd)).toBeUndefined();
    expect(parseLibraryArg(['app', '--library='], cwd)).toBeUndefined();
  });
});

describe('resolveShellPaths', () => {
  const root = path.resolve('/src/cytocurator');
  const res = path.resolve('/opt/CytoCurator/resources');

  it('development: everything under the app path; native binding only if built', () => {
    const devBinding = path.join(root, 'native', 'electron', 'better_sqlite3.node');
    const without = resolveShellPaths({ isPackaged: false, appPath: root, resourcesPath: '/x', exists: () => false });
    expect(without).toEqual({
      rendererDir: path.join(root, 'dist', 'renderer'),
      resourcesDir: path.join(root, 'resources'),
      demoSourceDir: path.join(root, 'resources', 'demo'),
      nativeBinding: undefined,
    });
    const withIt = resolveShellPaths({
      isPackaged: false,
      appPath: root,
      resourcesPath: '/x',
      exists: (f) => f === devBinding,
    });
    expect(withIt.nativeBinding).toBe(devBinding);
  });

  it('packaged: renderer inside app.asar, resources and native binding beside it', () => {
    const asar = path.join(res, 'app.asar');
    const p = resolveShellPaths({ isPackaged: true, appPath: asar, resourcesPath: res, exists: () => false });
    expect(p).toEqual({
      rendererDir: path.join(asar, 'dist', 'renderer'),
      resourcesDir: path.join(res, 'resources'),
      demoSourceDir: path.join(res, 'resources', 'demo'),
      nativeBinding: path.join(res, 'native', 'better_sqlite3.node'),
    });
  });
});
