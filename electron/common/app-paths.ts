/**
 * Where the user's data lives, computed the same way by the CLI, browser mode and the Electron shell, so
 * all three open the same default library. CYTOCURATOR_HOME overrides it (tests, portable installs).
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const appName = 'CytoCurator';

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.CYTOCURATOR_HOME) return path.resolve(env.CYTOCURATOR_HOME);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), appName);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', appName);
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), appName);
}

export function defaultLibraryDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(userDataDir(env), 'library');
}

/** The Demo library is rebuilt here from resources/demo, never inside resources/ (read-only, maybe in asar). */
export function demoLibraryDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(userDataDir(env), 'demo-library');
}

/** The project root (holds package.json, resources/, dist/), found from this file's location. */
export function projectRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '..', '..');
}

/** Set by the packaged Electron shell: there the resources sit outside app.asar (electron-builder extraResources). */
export const resourcesDirVariable = 'CYTOCURATOR_RESOURCES_DIR';

/**
 * The shipped resources (vocabularies, schemas, SOMLIT table, demo data): `<root>/resources` when a root is given;
 * otherwise the packaged app's folder when the shell announced one, else the project's.
 */
export function resourcesDir(root?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (root === undefined && env[resourcesDirVariable]) return env[resourcesDirVariable] as string;
  return path.join(root ?? projectRoot(), 'resources');
}
