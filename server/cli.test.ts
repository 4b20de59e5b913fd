import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SYNC_API } from '../shared/sync/sync-protocol.js';
import type { CliIo } from './cli.js';
import { runCli } from './cli.js';
import { login } from './store/accounts.js';
import { useTestDatabase } from './test-support/postgres.js';

describe('server command line (PostgreSQL through DATABASE_URL)', () => {
  const db = useTestDatabase([]);

  const run = async (args: string[], stdin = '', extra: Partial<CliIo> = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, {
      env: { DATABASE_URL: db().url },
      cwd: process.cwd(),
      stdin: Readable.from([Buffer.from(stdin)]),
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      ...extra,
    });
    return { code, out, err };
  };

  it('migrates, adds users (password from stdin, or generated and shown once), changes roles and lists them', async () => {
    expect(await run(['migrate'])).toEqual({ code: 0, out: ['applied 0001-accounts, 0002-event-log, 0003-projections, 0004-files, 0005-somlit, 0006-file-packs, 0007-sample-files-rows, 0008-sample-files-view, 0009-packed-files; schema at version 9'], err: [] });
    expect((await run(['migrate'])).out).toEqual(['schema already at version 9']);

    expect(await run(['user', 'add', 'ana', '--role', 'curator', '--password-stdin'], 'a long passphrase\nignored second line')).toEqual({ code: 0, out: ['added ana (curator)'], err: [] });
    expect(await login(db().driver, 'ana', 'a long passphrase', 'test')).not.toBeNull();

    const added = await run(['user', 'add', 'root', '--role=admin']);
    expect(added.code).toBe(0);
    const generated = /shown once; give it to them over a safe channel\): (\S+)$/.exec(added.out[1] ?? '')?.[1];
    expect(generated).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await login(db().driver, 'root', generated!, 'test')).not.toBeNull();

    expect(await run(['user', 'add', 'ana', '--role', 'reader', '--password', 'another passphrase'])).toEqual({ code: 1, out: [], err: ['user ana already exists'] });
    expect(await run(['user', 'add', 'eve', '--role', 'owner', '--password', 'another passphrase'])).toMatchObject({ code: 2, err: [expect.stringMatching(/a role is one of admin, curator, technician, reader, not "owner"/), expect.any(String)] });
    expect(await run(['user', 'add', 'eve', '--role', 'reader', '--password', 'short'])).toEqual({ code: 1, out: [], err: ['a password has at least 10 characters'] });
    expect(await run(['user', 'role', 'ana', 'technician'])).toEqual({ code: 0, out: ['ana is now technician'], err: [] });
    expect(await run(['user', 'role', 'nobody', 'reader'])).toEqual({ code: 1, out: [], err: ['no user named nobody'] });
    expect((await run(['user', 'list'])).out).toEqual(['ana\ttechnician\t1 active token(s)', 'root\tadmin\t1 active token(s)']);
    expect(await run(['frobnicate'])).toMatchObject({ code: 2, err: ['unknown command "frobnicate"', expect.stringMatching(/^usage:/)] });
  });

  it('lists and revokes device tokens by id', async () => {
    await login(db().driver, 'ana', 'a long passphrase', 'second laptop');
    const listed = await run(['token', 'list', 'ana']);
    expect(listed.code).toBe(0);
    expect(listed.out).toHaveLength(2);
    expect(listed.out[1]).toMatch(/^\d+\tsecond laptop\t/);
    expect(listed.out[0]).toMatch(/^\d+\ttest\tcreated \S+Z\tlast used never\tactive$/);
    const id = listed.out[0]!.split('\t')[0]!;
    expect(await run(['token', 'revoke', id])).toEqual({ code: 0, out: [`token ${id} revoked`], err: [] });
    expect(await run(['token', 'revoke', id])).toEqual({ code: 0, out: [`token ${id} was already revoked`], err: [] });
    expect((await run(['token', 'list', 'ana'])).out[0]).toMatch(/\trevoked \S+Z$/);
    expect(await run(['token', 'revoke', 'abc'])).toMatchObject({ code: 2 });
    expect(await run(['token', 'revoke', '999999'])).toEqual({ code: 1, out: [], err: ['no token with id 999999'] });
    expect(await run(['token', 'list', 'nobody'])).toEqual({ code: 1, out: [], err: ['no user named nobody'] });
  });

  it('serves until stopped, on the port and host given', async () => {
    const stop = new AbortController();
    let port = 0;
    const serving = run(['serve', '--port', '0', '--host', '127.0.0.1'], '', {
      stop: stop.signal,
      onListening: (p) => {
        port = p;
      },
    });
    await expect.poll(() => port, { timeout: 10_000 }).toBeGreaterThan(0);
    const res = await fetch(`http://127.0.0.1:${port}${SYNC_API}/info`);
    expect(res.status).toBe(401);
    const login = await fetch(`http://127.0.0.1:${port}${SYNC_API}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: 'ana', password: 'a long passphrase', device: 'cli test' }),
    });
    expect(login.status).toBe(200);
    stop.abort();
    const result = await serving;
    expect(result.code).toBe(0);
    expect(result.out).toContain('database: PostgreSQL (DATABASE_URL); files in ' + `${process.cwd()}/server-data`);
    expect(result.out.some((l) => /^listening on http:\/\/127\.0\.0\.1:\d+ /.test(l))).toBe(true);
    expect(result.out.some((l) => / POST \/api\/v1\/login 200 \d+ms ana$/.test(l))).toBe(true);
    // The request log never carries a token or a password.
    expect(result.out.join('\n')).not.toMatch(/cc1_|passphrase/);
  });
});
