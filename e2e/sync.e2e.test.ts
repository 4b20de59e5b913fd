/**
 * Sync, end to end in browser mode, with a sync server running in the test (the in-memory protocol server of
 * electron/sync/test-support, on 127.0.0.1) and two libraries of the same three generated CytoClus samples,
 * built with the real CLI. Ana (library A) flags a sample 3, logs in and syncs; Ben (library B) flags the same
 * sample 4 offline. In the workstation on library B: the status bar says sync is not set up; Ben logs in from
 * the Sync panel (the device token never appears on the page), clicks "Sync now" and reads what the run did;
 * the conflicts panel at the top shows both versions with both names; "Take theirs" settles it, the panel goes,
 * the sample's flag becomes Ana's 3, and the status bar says online, synced just now, no conflict.
 * Screenshots go to e2e/artifacts/. Needs `npx vite build` first.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeServer } from '../electron/sync/test-support/fake-sync-server.js';
import type { FakeSyncServer } from '../electron/sync/test-support/fake-sync-server.js';
import { readGridRows } from './support/grid-rows.js';
import { writeCytoClusSamples } from './support/make-cytoclus-samples.js';
import { runCli } from './support/run-cli.js';
import { repoRoot } from './support/start-browser-mode.js';
import { waitFor } from './support/wait-for.js';
import { startWorkstationSession } from './support/workstation-session.js';
import type { WorkstationSession } from './support/workstation-session.js';

const artifactsDir = path.join(repoRoot, 'e2e', 'artifacts');
const sampleName = 'STATION A 2026-01-01 00h01';

let syncServer: FakeSyncServer | undefined;
let homeA = '';
let homeB = '';
let sampleId = '';
let session: WorkstationSession | undefined;

/** The real CLI with the password on standard input (what `--password-stdin` reads). */
function cliWithInput(args: string[], home: string, input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = process.env.CYTOCURATOR_E2E_CLI ?? path.join(repoRoot, 'bin', 'cytocurator.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, env: { ...process.env, CYTOCURATOR_HOME: home, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

async function cli(args: string[], home: string): Promise<Record<string, any>> {
  const r = await runCli([...args, '--json'], home);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout) as Record<string, any>;
}

/** Who decides in a library folder: the curator profile browser mode and the CLI read at start. */
async function writeProfile(home: string, name: string, device: string): Promise<void> {
  await fs.mkdir(home, { recursive: true });
  await fs.writeFile(path.join(home, 'curator-profile.json'), `${JSON.stringify({ id: randomUUID(), name, device }, null, 2)}\n`);
}

function page(): Page {
  if (!session) throw new Error('no session');
  return session.page;
}

async function flagInGrid(p: Page): Promise<string | undefined> {
  const rows = await readGridRows(p);
  return rows.find((r) => r.id === sampleId)?.cells['flag'];
}

describe('sync in the workstation: login, sync, a conflict settled by choice', () => {
  beforeAll(async () => {
    await fs.access(path.join(repoRoot, 'dist', 'renderer', 'index.html')).catch(() => {
      throw new Error('dist/renderer/index.html missing: run `npx vite build` before the e2e tests');
    });
    syncServer = await startFakeServer({ ana: { password: 'pw-ana', role: 'curator' }, ben: { password: 'pw-ben', role: 'curator' } });
    homeA = await fs.mkdtemp(path.join(os.tmpdir(), 'cytocurator-e2e-sync-a-'));
    homeB = await fs.mkdtemp(path.join(os.tmpdir(), 'cytocurator-e2e-sync-b-'));
    await writeProfile(homeA, 'Ana', 'ana-laptop');
    await writeProfile(homeB, 'Ben', 'ben-laptop');
    const exports = path.join(homeA, 'exports');
    await writeCytoClusSamples(exports, ['A'], 3);
    // The same exports in both libraries: sample ids come from the content, so both hold the same samples.
    const importedA = await cli(['import', exports], homeA);
    const importedB = await cli(['import', exports], homeB);
    const idsA = (importedA.samples as { id: string; name: string }[]).map((s) => s.id).sort();
    expect((importedB.samples as { id: string }[]).map((s) => s.id).sort()).toEqual(idsA);
    sampleId = (importedA.samples as { id: string; name: string }[]).find((s) => s.name === sampleName)!.id;

    // Ana: flag 3, log in, sync — the server now holds her flag at revision 1.
    await cli(['flag', sampleId, '--flag', '3', '--comment', 'bubbles in the flow cell'], homeA);
    const login = await cliWithInput(['login', '--server', syncServer.url, '--user', 'ana', '--password-stdin', '--json'], homeA, 'pw-ana\n');
    expect(login.code, login.stderr).toBe(0);
    const synced = await cli(['sync'], homeA);
    expect(synced).toMatchObject({ pushed: 1, conflicts: 0, remaining: 0, online: true });
    // Ben, offline and not set up yet: flag 4 on the same sample.
    await cli(['flag', sampleId, '--flag', '4', '--comment', 'clogged'], homeB);
    session = await startWorkstationSession(homeB);
  });

  afterAll(async () => {
    await session?.close();
    await syncServer?.stop();
    for (const d of [homeA, homeB]) if (d) await fs.rm(d, { recursive: true, force: true }).catch(() => undefined);
  });

  it('logs in from the Sync panel, syncs, and shows the conflict at the top with both versions and both names', async () => {
    const p = page();
    await session!.open();
    await waitFor(() => p.getByTestId('sample-count').innerText(), (t) => t === '3 samples', 'the status bar count', 20_000);
    const item = p.getByTestId('sync-status');
    await waitFor(() => item.innerText(), (t) => t === 'Sync: not set up — working offline', 'the sync item before login', 10_000);
    expect(await item.getAttribute('data-waiting')).toBe('1');
    expect(await p.getByTestId('conflicts-panel').count()).toBe(0);
    await waitFor(() => flagInGrid(p), (f) => f === '4', 'Ben’s flag in the grid', 10_000);

    await item.click();
    const panel = p.getByTestId('sync-panel');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await p.getByTestId('sync-run').isDisabled()).toBe(true);
    await p.getByTestId('sync-server').fill(syncServer!.url);
    await p.getByTestId('sync-user').fill('ben');
    await p.getByTestId('sync-password').fill('pw-ben');
    await p.getByTestId('sync-login').click();
    await waitFor(
      () => p.getByTestId('sync-login-done').innerText(),
      (t) => t === `Logged in to ${syncServer!.url} as ben (curator) from ben-laptop.`,
      'the login answer',
      10_000,
    );
    await waitFor(() => p.getByTestId('sync-password').inputValue(), (v) => v === '', 'the password field emptied', 10_000);
    await waitFor(() => p.getByTestId('sync-account').innerText(), (t) => t === `Connected to ${syncServer!.url} as ben (curator).`, 'the account line', 10_000);
    // The device token the server issued to Ben's device appears nowhere on the page.
    const tokens = [...syncServer!.state.tokens.entries()].filter(([, v]) => v.user === 'ben').map(([token]) => token);
    expect(tokens).toHaveLength(1);
    const html = await p.content();
    for (const token of tokens) expect(html).not.toContain(token);

    await p.getByTestId('sync-run').click();
    const result = p.getByTestId('sync-result');
    await result.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await result.getAttribute('data-online')).toBe('true');
    const resultText = await result.innerText();
    // Ben's flag met Ana's on the server: parked as a conflict; Ana's event came back with it.
    expect(resultText).toContain('0 changes sent, 1 change received from others, 1 parked, 0 still to send.');
    expect(resultText).toContain('1 conflict waits for your choice (panel at the top).');
    await p.mouse.move(0, 0);
    await p.screenshot({ path: path.join(artifactsDir, 'sync-panel.png') });
    await p.getByTestId('sync-close').click();
    await panel.waitFor({ state: 'detached', timeout: 10_000 });

    const conflicts = p.getByTestId('conflicts-panel');
    await conflicts.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await conflicts.locator('strong').first().innerText()).toBe('1 sync conflict: choose the version to keep');
    const conflict = conflicts.getByTestId('conflict');
    expect(await conflict.count()).toBe(1);
    expect(await conflict.getAttribute('data-ready')).toBe('true');
    expect(await conflict.getByTestId('conflict-label').innerText()).toBe(`the flag of sample ${sampleId}`);
    expect(await conflict.getByTestId('conflict-mine-summary').innerText()).toBe('L20 4');
    expect(await conflict.getByTestId('conflict-mine-who').innerText()).toBe('by Ben on ben-laptop');
    expect(await conflict.getByTestId('conflict-theirs-summary').innerText()).toBe('L20 3');
    expect(await conflict.getByTestId('conflict-theirs-who').innerText()).toBe('by Ana on ana-laptop');
    expect(await conflict.getByTestId('conflict-mine').innerText()).toContain('Comment: clogged');
    expect(await conflict.getByTestId('conflict-theirs').innerText()).toContain('Comment: bubbles in the flow cell');

    await waitFor(() => item.getAttribute('data-conflicts'), (c) => c === '1', 'the conflict count in the status bar', 10_000);
    expect(await p.getByTestId('sync-conflicts').innerText()).toBe('1 conflict');
    expect(await p.getByTestId('sync-state').innerText()).toBe('Sync: online');
    // Until the choice, Ben's library keeps his value.
    expect(await flagInGrid(p)).toBe('4');
    await p.screenshot({ path: path.join(artifactsDir, 'sync-conflict.png') });
    expect(session!.problems).toEqual([]);
  });

  it('"Take theirs" settles it: the panel goes, the flag becomes Ana’s, the status bar shows no conflict and the last sync', async () => {
    const p = page();
    await p.getByTestId('conflict-take-theirs').click();
    await p.getByTestId('conflicts-panel').waitFor({ state: 'detached', timeout: 10_000 });
    await waitFor(() => flagInGrid(p), (f) => f === '3', 'Ana’s flag in the grid', 10_000);
    const item = p.getByTestId('sync-status');
    await waitFor(() => item.getAttribute('data-conflicts'), (c) => c === '0', 'no conflict in the status bar', 10_000);
    expect(await p.getByTestId('sync-conflicts').count()).toBe(0);
    expect(await p.getByTestId('sync-last').innerText()).toBe('synced just now');
    expect(await item.getAttribute('data-tone')).not.toBe('bad');
    const title = (await item.getAttribute('title')) ?? '';
    expect(title).toContain('Open conflicts: 0');
    expect(title).toMatch(/Last sync: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);

    // Both versions are in the sample's audit, Ben's first, then Ana's applied on top.
    const audit = await cli(['audit', sampleId], homeB);
    const flags = (audit.events as { action: string; actorName: string; after: { code: string } }[]).filter((e) => e.action === 'flag');
    expect(flags.map((e) => [e.actorName, e.after.code])).toEqual([
      ['Ben', '4'],
      ['Ana', '3'],
    ]);

    // The next sync sends Ben's superseded version for the record; nothing is left waiting or parked.
    await item.click();
    await p.getByTestId('sync-panel').waitFor({ state: 'visible', timeout: 10_000 });
    await p.getByTestId('sync-run').click();
    await waitFor(() => p.getByTestId('sync-result').innerText(), (t) => t.includes('1 change sent, 0 changes received from others, 0 parked, 0 still to send.'), 'the second run', 30_000);
    expect(syncServer!.state.log.at(-1)).toMatchObject({ superseded: true, event: { after: { code: '4' } } });
    await p.getByTestId('sync-close').click();
    await waitFor(() => item.getAttribute('data-waiting'), (w) => w === '0', 'nothing waiting', 10_000);
    // Calm: online and when it last synced, nothing else.
    expect(await p.getByTestId('sync-state').innerText()).toBe('Sync: online');
    expect(await item.locator('.cc-sync-part').allInnerTexts()).toEqual(['synced just now']);
    expect(await item.getAttribute('data-tone')).toBe('ok');
    await p.mouse.move(0, 0);
    await p.screenshot({ path: path.join(artifactsDir, 'sync-settled.png') });
    expect(session!.problems).toEqual([]);
  });
});
