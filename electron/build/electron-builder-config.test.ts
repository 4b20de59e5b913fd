/**
 * electron-builder.yml is only read when someone packages the app, which CI does not do: this test
 * catches a misspelt or misplaced key (validated by electron-builder's own validator and JSON schema)
 * and pins the security-relevant settings.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

// app-builder-lib is electron-builder's engine; resolved through electron-builder so the version matches.
const requireFromBuilder = createRequire(createRequire(path.join(root, 'package.json')).resolve('electron-builder'));
const { validateConfiguration } = requireFromBuilder('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};
const schema = requireFromBuilder('app-builder-lib/scheme.json') as { properties: Record<string, unknown> };
const quietLogger = { isEnabled: false, add() {} };

describe('electron-builder.yml', () => {
  it('is valid for electron-builder (every key known, every value of the right type)', async () => {
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined();
    for (const key of Object.keys(config)) expect(schema.properties).toHaveProperty(key);
  });

  it('the validation really runs: an unknown fuse name is refused', async () => {
    const broken = { ...config, electronFuses: { runAsNod: false } };
    await expect(validateConfiguration(broken, quietLogger)).rejects.toThrow(/configuration/i);
  });

  it('names the app and pins the Electron version', () => {
    expect(config).toMatchObject({
      appId: 'org.osupytheas.cytocurator',
      productName: 'CytoCurator',
      electronVersion: '41.7.1',
    });
  });

  it('flips every security fuse the right way', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app into asar, with native code unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/better-sqlite3/**', '**/*.node']));
  });

  it('ships the built app and the resources where the shell looks for them', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    expect(config.extraResources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: 'resources', to: 'resources' }),
        expect.objectContaining({ from: 'native/electron', to: 'native' }),
      ]),
    );
    // Packaging output must not land in dist/, which is packed itself.
    expect(config.directories).toMatchObject({ output: expect.not.stringMatching(/^dist(\/|$)/) });
  });

  it('builds the desktop targets', () => {
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: 'Science' });
    expect(config.win).toMatchObject({ target: ['nsis'] });
    expect(config.mac).toMatchObject({ target: ['dmg'] });
  });

  it('is the main entry electron-builder will start', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main?: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });
});
