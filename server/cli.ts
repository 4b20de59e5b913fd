/**
 * The sync server's command line (admin on the server machine):
 *
 *   serve [--port 8470] [--host 127.0.0.1]        run the server (the default command)
 *   migrate                                       bring the database schema up to date
 *   user add NAME --role ROLE [--password-stdin | --password P]
 *   user role NAME ROLE
 *   user password NAME [--password-stdin | --password P]
 *   user list
 *   token list NAME
 *   token revoke TOKEN_ID
 *
 * `DATABASE_URL` set: that PostgreSQL server; otherwise the embedded PGlite database in the data folder
 * (`CYTOCURATOR_SERVER_DATA`, default ./server-data).
 */
import { pathToFileURL } from 'node:url';
import type { Role } from '../shared/sync/sync-protocol.js';
import { roles } from '../shared/sync/sync-protocol.js';
import { randomPassword } from './auth/password.js';
import { migrate } from './db/migrate.js';
import { openDatabase, serverDataDir } from './db/open-database.js';
import type { SqlDriver } from './db/sql-driver.js';
import { erddapConfigFromEnv } from './erddap/erddap-config.js';
import { createErddapPublisher } from './erddap/publication-hook.js';
import { createSyncServer } from './http/sync-server.js';
import { AccountError, addUser, countAdmins, isRole, listTokens, listUsers, revokeToken, setPassword, setRole } from './store/accounts.js';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdin: NodeJS.ReadableStream;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Stops `serve` (tests); the process signals SIGINT/SIGTERM do the same. */
  stop?: AbortSignal;
  /** Called once `serve` listens, with its port. */
  onListening?: (port: number) => void;
}

const USAGE = `usage: cytocurator-server <command>
  serve [--port 8470] [--host 127.0.0.1]
  migrate
  user add NAME --role ${roles.join('|')} [--password-stdin | --password P]
  user role NAME ROLE
  user password NAME [--password-stdin | --password P]
  user list
  token list NAME
  token revoke TOKEN_ID`;

class UsageError extends Error {}

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

const valued = new Set(['port', 'host', 'role', 'password']);

function parseArgs(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (eq >= 0) flags.set(name, a.slice(eq + 1));
    else if (valued.has(name)) {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, v);
    } else flags.set(name, true);
  }
  return { positional, flags };
}

function flag(p: Parsed, name: string): string | undefined {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

function roleArg(v: string | undefined): Role {
  if (!v || !isRole(v)) throw new UsageError(`a role is one of ${roles.join(', ')}${v ? `, not "${v}"` : ''}`);
  return v;
}

async function readStdinLine(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stdin as AsyncIterable<Buffer | string>) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** The password from --password-stdin or --password; null when neither was given. */
async function passwordArg(p: Parsed, io: CliIo): Promise<string | null> {
  if (p.flags.has('password-stdin')) return readStdinLine(io.stdin);
  const given = flag(p, 'password');
  if (given !== undefined) return given;
  return null;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv);
  } catch (err) {
    io.err((err as Error).message);
    io.err(USAGE);
    return 2;
  }
  const [command = 'serve', sub, ...rest] = parsed.positional;
  if (parsed.flags.has('help') || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  const dataDir = serverDataDir(io.env, io.cwd);
  let db: SqlDriver | null = null;
  const open = async () => {
    db = await openDatabase(io.env, dataDir);
    await migrate(db);
    return db;
  };
  try {
    switch (command) {
      case 'serve':
        return await serve(parsed, io, dataDir);
      case 'migrate': {
        const d = await openDatabase(io.env, dataDir);
        db = d;
        const report = await migrate(d);
        io.out(report.applied.length ? `applied ${report.applied.join(', ')}; schema at version ${report.to}` : `schema already at version ${report.to}`);
        return 0;
      }
      case 'user':
        return await userCommand(sub, rest, parsed, io, open);
      case 'token':
        return await tokenCommand(sub, rest, io, open);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(err.message);
      io.err(USAGE);
      return 2;
    }
    if (err instanceof AccountError) {
      io.err(err.message);
      return 1;
    }
    io.err(`error: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await (db as SqlDriver | null)?.close();
  }
}

async function userCommand(sub: string | undefined, args: string[], p: Parsed, io: CliIo, open: () => Promise<SqlDriver>): Promise<number> {
  switch (sub) {
    case 'add': {
      const [name] = args;
      if (!name) throw new UsageError('user add needs a NAME');
      const role = roleArg(flag(p, 'role'));
      const given = await passwordArg(p, io);
      const password = given ?? randomPassword();
      const db = await open();
      const user = await addUser(db, name, role, password);
      io.out(`added ${user.name} (${user.role})`);
      if (given === null) io.out(`password for ${user.name} (shown once; give it to them over a safe channel): ${password}`);
      return 0;
    }
    case 'role': {
      const [name, role] = args;
      if (!name) throw new UsageError('user role needs a NAME and a ROLE');
      const r = roleArg(role);
      const db = await open();
      await setRole(db, name, r);
      io.out(`${name} is now ${r}`);
      return 0;
    }
    case 'password': {
      const [name] = args;
      if (!name) throw new UsageError('user password needs a NAME');
      const given = await passwordArg(p, io);
      const password = given ?? randomPassword();
      const db = await open();
      await setPassword(db, name, password);
      io.out(given === null ? `new password for ${name} (shown once): ${password}` : `password of ${name} changed`);
      return 0;
    }
    case 'list': {
      const db = await open();
      const users = await listUsers(db);
      if (users.length === 0) io.out('no users yet');
      for (const u of users) io.out(`${u.name}\t${u.role}\t${u.tokens} active token(s)`);
      return 0;
    }
    default:
      throw new UsageError(`unknown user command "${sub ?? ''}"`);
  }
}

async function tokenCommand(sub: string | undefined, args: string[], io: CliIo, open: () => Promise<SqlDriver>): Promise<number> {
  switch (sub) {
    case 'list': {
      const [name] = args;
      if (!name) throw new UsageError('token list needs a user NAME');
      const db = await open();
      const tokens = await listTokens(db, name);
      if (tokens.length === 0) io.out(`${name} has no tokens`);
      for (const t of tokens) {
        io.out(`${t.id}\t${t.device}\tcreated ${t.createdAt}\tlast used ${t.lastUsedAt ?? 'never'}\t${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}`);
      }
      return 0;
    }
    case 'revoke': {
      const [id] = args;
      if (!id || !/^\d+$/.test(id)) throw new UsageError('token revoke needs a TOKEN_ID (a number, as token list shows it)');
      const db = await open();
      io.out((await revokeToken(db, Number(id))) ? `token ${id} revoked` : `token ${id} was already revoked`);
      return 0;
    }
    default:
      throw new UsageError(`unknown token command "${sub ?? ''}"`);
  }
}

async function serve(p: Parsed, io: CliIo, dataDir: string): Promise<number> {
  const port = Number(flag(p, 'port') ?? io.env.CYTOCURATOR_SERVER_PORT ?? 8470);
  const host = flag(p, 'host') ?? io.env.CYTOCURATOR_SERVER_HOST ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: a port number, not "${flag(p, 'port')}"`);
  const db = await openDatabase(io.env, dataDir);
  try {
    const report = await migrate(db);
    if (report.applied.length) io.out(`database: applied ${report.applied.join(', ')}`);
    io.out(`database: ${db.kind === 'pg' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${dataDir}`}; files in ${dataDir}`);
    if ((await countAdmins(db)) === 0) io.out('no admin yet: add one with `npm run server -- user add NAME --role admin`');
    const erddap = erddapConfigFromEnv(io.env);
    const publication = erddap ? createErddapPublisher(db, erddap, io.out) : null;
    io.out(erddap ? `ERDDAP publication: ${erddap.dir}` : 'ERDDAP publication: off (CYTOCURATOR_ERDDAP_DIR not set)');
    const server = createSyncServer({ db, dataDir, publication, log: io.out });
    const bound = await server.listen(port, host);
    io.out(`listening on http://${host.includes(':') ? `[${host}]` : host}:${bound} (serve it over HTTPS through a reverse proxy)`);
    io.onListening?.(bound);
    // Catch up on anything committed but not yet published when the server last stopped.
    publication?.datasetsChanged();
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        io.stop?.removeEventListener('abort', stop);
        resolve();
      };
      io.stop?.addEventListener('abort', stop, { once: true });
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      if (io.stop?.aborted) stop();
    });
    io.out('stopping');
    await server.close();
    await publication?.settled();
    return 0;
  } finally {
    await db.close();
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  runCli(process.argv.slice(2), {
    env: process.env,
    cwd: process.cwd(),
    stdin: process.stdin,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  }).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
