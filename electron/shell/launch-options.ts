/**
 * Decisions main.ts makes from argv and the app layout, kept out of main.ts so they are unit-tested
 * without Electron. Layout, packaged vs. development:
 *   packaged: <resourcesPath>/app.asar (dist/**, package.json), <resourcesPath>/resources (extraResources),
 *             <resourcesPath>/native/better_sqlite3.node (extraResources from native/electron)
 *   dev:      <appPath>/dist/renderer, <appPath>/resources, <appPath>/native/electron/better_sqlite3.node
 */
import path from 'node:path';

/** `--library DIR` or `--library=DIR`, resolved against cwd; the last one wins. */
export function parseLibraryArg(argv: readonly string[], cwd: string): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--library') {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        found = next;
        i++;
      }
    } else if (arg.startsWith('--library=')) {
      const value = arg.slice('--library='.length);
      if (value) found = value;
    }
  }
  return found === undefined ? undefined : path.resolve(cwd, found);
}

export interface LayoutFacts {
  isPackaged: boolean;
  /** app.getAppPath(): the project root in development, .../resources/app.asar when packaged. */
  appPath: string;
  /** process.resourcesPath. */
  resourcesPath: string;
  exists: (file: string) => boolean;
}

export interface ShellPaths {
  rendererDir: string;
  resourcesDir: string;
  demoSourceDir: string;
  /** Undefined when no Electron build of better-sqlite3 is present (dev without scripts/build-native-electron). */
  nativeBinding: string | undefined;
}

export function resolveShellPaths(facts: LayoutFacts): ShellPaths {
  const rendererDir = path.join(facts.appPath, 'dist', 'renderer');
  const resourcesDir = facts.isPackaged
    ? path.join(facts.resourcesPath, 'resources')
    : path.join(facts.appPath, 'resources');
  // Packaged: always pass the path, so a missing file is reported by the service instead of silently
  // falling back to a module built for Node's ABI.
  const nativeBinding = facts.isPackaged
    ? path.join(facts.resourcesPath, 'native', 'better_sqlite3.node')
    : devBinding(facts);
  return { rendererDir, resourcesDir, demoSourceDir: path.join(resourcesDir, 'demo'), nativeBinding };
}

function devBinding(facts: LayoutFacts): string | undefined {
  const candidate = path.join(facts.appPath, 'native', 'electron', 'better_sqlite3.node');
  return facts.exists(candidate) ? candidate : undefined;
}
