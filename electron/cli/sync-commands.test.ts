import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planFlag } from '../../shared/model/change-event.js';
import { defaultLibraryDir } from '../common/app-paths.js';
import { openLibraryDatabase } from '../library/library-database.js';
import { startFakeServer } from '../sync/test-support/fake-sync-server.js';
import type { FakeSyncServer } from '../sync/test-support/fake-sync-server.js';
import { act, curator, seedSamples } from '../sync/test-support/sync-library.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import type { CommandContext } from './commands.js';
import { jsonDocument, runCli } from './run-cli.js';
import { makeSyncCommands } from './sync-commands.js';

const tempDir = useTempDirs();
const servers: FakeSyncServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});

async function cli(argv: string[], home: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { CYTOCURATOR_HOME: home } });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as Record<string, any> };
}

function context(home: string, values: CommandContext['values'], positionals: string[] = [], json = false) {
  let stdout = '';
  let stderr = '';
  const ctx: CommandContext = {
    io: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { CYTOCURATOR_HOME: home } },
    json,
    values,
    positionals,
    root: process.cwd(),
    libraryDir: defaultLibraryDir({ CYTOCURATOR_HOME: home }),
    service: () => {
      throw new Error('sync commands do not need the service');
    },
  };
  return { ctx, out: () => stdout + stderr };
}

describe('cytocurator login and sync', () => {
  it('logs in with the password from standard input, keeps the token in the library and never prints it; sync reports counts', async () => {
    const srv = await startFakeServer();
    servers.push(srv);
    const home = tempDir();
    const prompts: string[] = [];
    const { login, sync } = makeSyncCommands({
      readPassword: async (prompt, fromStdin) => {
        prompts.push(`${prompt}|${fromStdin}`);
        return 'pw-ana';
      },
      syncOptions: { backoff: { baseMs: 5, maxMs: 20 }, timeoutMs: 2000 },
    });
    const { ctx } = context(home, { server: srv.url, user: 'ana', 'password-stdin': true });
    const r = await login.run(ctx);
    expect(prompts).toEqual([`Password for ana at ${srv.url}: |true`]);
    expect(r.result).toMatchObject({ serverUrl: srv.url, user: 'ana', role: 'curator' });
    expect(r.text).toMatch(/^logged in to http:\/\/127\.0\.0\.1:\d+ as ana \(curator\) from .+; the device token is kept in the library$/);
    const lib = openLibraryDatabase(path.join(home, 'library'));
    const token = lib.db.prepare('SELECT device_token FROM sync_state').pluck().get() as string;
    expect(token.length).toBeGreaterThan(20);
    expect(JSON.stringify(r)).not.toContain(token);
    const ids = seedSamples(lib, { count: 2, imagesPerSample: 1 });
    act(lib.db, curator('Ana'), (l, c) => planFlag(l, { sampleIds: ids, flag: { scheme: 'L20', code: '3' }, comment: null }, c));
    lib.close();

    const done = await sync.run(context(home, {}, [], true).ctx);
    const doc = JSON.parse(jsonDocument(done.result, done.errors ?? [])) as Record<string, unknown>;
    expect(doc).toMatchObject({ pushed: 2, pulled: 0, parked: 0, conflicts: 0, remaining: 0, online: true, errors: [] });
    expect(JSON.stringify(doc)).not.toContain(token);

    // Through the real command line: status and a sync that has nothing to do; the token appears nowhere.
    const status = await cli(['sync', 'status', '--json'], home);
    expect(status.code).toBe(0);
    expect(status.json()).toMatchObject({ configured: true, user: 'ana', online: true, waiting: { events: 0 }, openConflicts: 0 });
    const again = await cli(['sync', '--json'], home);
    expect(again.code).toBe(0);
    expect(again.json()).toMatchObject({ pushed: 0, pulled: 0, remaining: 0, errors: [] });
    const text = await cli(['sync'], home);
    expect(text.stdout).toMatch(/^online: pushed 0, pulled 0, parked 0, conflicts 0, remaining 0\n/);
    for (const out of [status, again, text]) expect(out.stdout + out.stderr).not.toContain(token);
    expect(srv.state.log).toHaveLength(2);
  });

  it('refuses bad usage and a wrong password with clear messages', async () => {
    const srv = await startFakeServer();
    servers.push(srv);
    const home = tempDir();
    expect((await cli(['login', '--server', srv.url], home)).code).toBe(2);
    const { login } = makeSyncCommands({ readPassword: async () => 'nope' });
    await expect(login.run(context(home, { server: srv.url, user: 'ana' }).ctx)).rejects.toThrow('the server refused the login: wrong user name or password');
    const { login: empty } = makeSyncCommands({ readPassword: async () => '' });
    await expect(empty.run(context(home, { server: srv.url, user: 'ana' }).ctx)).rejects.toThrow(/no password given/);
    await expect(login.run(context(home, { server: 'ftp://x', user: 'ana' }).ctx)).rejects.toThrow(/must start with https:\/\//);
    const notConnected = await cli(['sync', '--json'], home);
    expect(notConnected.code).toBe(1);
    expect(notConnected.json().errors[0]).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/not connected to a sync server/) });
    expect((await cli(['sync', 'resolve', 'x', 'mine'], home)).code).toBe(2);
    expect((await cli(['sync', 'dance'], home)).code).toBe(2);
    const rules = await cli(['sync', 'rules', '{"deferRoles":["pulses"],"unlessHostMatches":"institute.example"}', '--json'], home);
    expect(rules.json()).toMatchObject({ rules: { deferRoles: ['pulses'] } });
    const badRules = await cli(['sync', 'rules', '{"deferRoles":"pulses"}'], home);
    expect(badRules.code).toBe(2);
    expect(badRules.stderr).toMatch(/file deferral rule is invalid/);
  });
});
