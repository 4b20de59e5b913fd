/**
 * Backup, end to end in browser mode: a library built with the real CLI (the real Cefas export and 12 generated
 * CytoClus samples, one flagged, one approved, one commented). The status bar says there is no backup yet; the
 * Backup panel backs the library up to a folder (progress bar, then the report of what was copied, per sample) and
 * the status bar shows its age; "Check library files" passes. Then the backup is restored with the CLI into an
 * empty folder (a second restore onto it is refused), and the restored library opens in the workstation with the
 * same samples, flags and audit. Screenshots go to e2e/artifacts/. Needs `npx vite build` first.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCytoClusSamples } from './support/make-cytoclus-samples.js';
import { runCli } from './support/run-cli.js';
import { repoRoot } from './support/start-browser-mode.js';
import type { BrowserModeServer } from './support/start-browser-mode.js';
import { waitFor } from './support/wait-for.js';
import { startWorkstationSession } from './support/workstation-session.js';
import type { WorkstationSession } from './support/workstation-session.js';
import { callOperation } from './support/call-operation.js';

const artifactsDir = path.join(repoRoot, 'e2e', 'artifacts');
const cefasFolder = path.resolve(repoRoot, '../shared/fixtures/real/ecotaxa-pipeline/cefas');
const cefasName = 'Pond_NA 2023-05-24 09h23';

let home = '';
let restoredHome = '';
let backupDir = '';
let cefasId = '';
let session: WorkstationSession | undefined;


async function cli(args: string[], h: string): Promise<{ code: number; json: Record<string, any>; stderr: string }> {
  const r = await runCli([...args, '--json'], h);
  return { code: r.code, json: JSON.parse(r.stdout) as Record<string, any>, stderr: r.stderr };
}

type Row = { id: string; name: string; flag: { code: string } | null; reviewState: string; comment: string | null };

/** What the workstation shows of a library: every sample with its flag, review state and comment, and the Cefas audit. */
async function libraryView(server: BrowserModeServer) {
  const page = await callOperation<{ total: number; rows: Row[] }>(server, 'listSamples', { limit: 1000, sort: [{ field: 'name', direction: 'asc' }] });
  const audit = await callOperation<{ events: { id: string; action: string; reason: string | null; after: unknown }[] }>(server, 'getAudit', { sampleId: cefasId });
  return {
    total: page.total,
    rows: page.rows.map((r) => ({ id: r.id, name: r.name, flag: r.flag?.code ?? null, review: r.reviewState, comment: r.comment })),
    audit: audit.events.map((e) => ({ id: e.id, action: e.action, reason: e.reason, after: e.after })),
  };
}

function page(): Page {
  if (!session) throw new Error('no session');
  return session.page;
}

describe('backup and restore in the workstation', () => {
  let before: Awaited<ReturnType<typeof libraryView>> | undefined;

  beforeAll(async () => {
    await fs.access(path.join(repoRoot, 'dist', 'renderer', 'index.html')).catch(() => {
      throw new Error('dist/renderer/index.html missing: run `npx vite build` before the e2e tests');
    });
    await fs.access(path.join(cefasFolder, `${cefasName}_Info.txt`)).catch(() => {
      throw new Error(`the real Cefas fixture is missing: ${cefasFolder}`);
    });
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'cytocurator-e2e-backup-'));
    restoredHome = await fs.mkdtemp(path.join(os.tmpdir(), 'cytocurator-e2e-restored-'));
    backupDir = path.join(home, 'usb-drive', 'cytocurator-backup');
    const generated = path.join(home, 'generated-exports');
    await writeCytoClusSamples(generated, ['A'], 12);
    const imported = await cli(['import', cefasFolder, generated], home);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.json.samples).toHaveLength(13);
    cefasId = (imported.json.samples as { id: string; name: string }[]).find((s) => s.name === cefasName)!.id;
    const other = (imported.json.samples as { id: string; name: string }[]).find((s) => s.name === 'STATION A 2026-01-01 00h03')!.id;
    expect((await cli(['flag', cefasId, '--flag', '4', '--comment', 'bubbles in the flow cell'], home)).code).toBe(0);
    expect((await cli(['approve', other], home)).code).toBe(0);
    expect((await cli(['comment', other, '--text', 'checked against the CTD'], home)).code).toBe(0);
    session = await startWorkstationSession(home);
  });

  afterAll(async () => {
    await session?.close();
    for (const d of [home, restoredHome]) if (d) await fs.rm(d, { recursive: true, force: true }).catch(() => undefined);
  });

  it('says there is no backup yet, backs up from the Backup panel and reports what was copied', async () => {
    const p = page();
    await session!.open();
    await waitFor(() => p.getByTestId('sample-count').innerText(), (t) => t === '13 samples', 'the status bar count', 20_000);
    before = await libraryView(session!.server);
    expect(before.rows.find((r) => r.id === cefasId)).toMatchObject({ flag: '4' });
    await waitFor(() => p.getByTestId('backup-status').innerText(), (t) => t === 'No backup yet', 'the backup item', 10_000);

    await p.getByTestId('backup-button').click();
    const panel = p.getByTestId('backup-panel');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
    // The folder can be chosen with the folder browser: it opens where the field points, and "Use this folder" fills it in.
    await fs.mkdir(path.dirname(backupDir), { recursive: true });
    await p.getByTestId('backup-folder').fill(home);
    await p.getByTestId('backup-folder-choose').click();
    const chooser = p.getByTestId('folder-dialog');
    await waitFor(() => chooser.getByTestId('path-browser').getAttribute('data-path'), (v) => v === home, 'the backup field’s folder listed', 10_000);
    await chooser.locator('[data-testid="path-entry"][data-name="usb-drive"] button').click();
    await waitFor(() => chooser.getByTestId('path-browser').getAttribute('data-path'), (v) => v === path.dirname(backupDir), 'the drive folder listed', 10_000);
    await chooser.getByTestId('path-use-folder').click();
    await waitFor(() => p.getByTestId('backup-folder').inputValue(), (v) => v === path.dirname(backupDir), 'the chosen folder in the field', 10_000);
    // A folder that does not exist yet is typed (the backup creates it).
    await p.getByTestId('backup-folder').fill(backupDir);
    // The progress bar may come and go within a second: a watcher in the page records that it was shown.
    await p.evaluate(() => {
      const w = window as unknown as { sawBackupProgress: boolean };
      w.sawBackupProgress = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="backup-progress-bar"]')) w.sawBackupProgress = true;
      }).observe(document.body, { subtree: true, childList: true });
    });
    await p.getByTestId('backup-run').click();
    await p.getByTestId('backup-report').waitFor({ state: 'visible', timeout: 60_000 });
    expect(await p.evaluate(() => (window as unknown as { sawBackupProgress: boolean }).sawBackupProgress)).toBe(true);

    // Every stored file of the 13 samples, the database and the fixity record were copied.
    const manifest = await fs.readFile(path.join(backupDir, 'manifest.sha256'), 'utf8');
    const listed = manifest.trim().split('\n').length;
    const summary = await p.getByTestId('backup-report-summary').innerText();
    expect(summary).toMatch(new RegExp(`^Backup done: ${listed} files copied \\([\\d.]+ MB\\), 0 unchanged\\.$`));
    expect(await p.getByTestId('backup-copied-samples').locator('li').count()).toBe(13);
    expect(await p.getByTestId('backup-copied-samples').innerText()).toContain(cefasId);
    await waitFor(() => p.getByTestId('backup-status').innerText(), (t) => t === 'Backed up 1 min ago', 'the backup age in the status bar', 10_000);
    await p.mouse.move(0, 0);
    await p.screenshot({ path: path.join(artifactsDir, 'backup-report.png') });

    await p.getByTestId('backup-verify-library').click();
    await p.getByTestId('verify-report').waitFor({ state: 'visible', timeout: 60_000 });
    expect(await p.getByTestId('verify-report').getAttribute('data-ok')).toBe('true');
    expect(await p.getByTestId('verify-report').innerText()).toMatch(/^OK: all \d+ files match their SHA-256 sums/);

    // Again: nothing new, so only the database snapshot is copied.
    await p.getByTestId('backup-run').click();
    await waitFor(() => p.getByTestId('backup-report-summary').innerText(), (t) => /^Backup done: 1 file copied/.test(t), 'the second report', 60_000);
    await p.getByTestId('backup-close').click();
    await panel.waitFor({ state: 'detached', timeout: 10_000 });
    expect(session!.problems).toEqual([]);
  });

  it('restores into an empty folder (and refuses to overwrite it); the restored library opens with the same samples, flags and audit', async () => {
    await session!.close();
    session = undefined;
    const target = path.join(restoredHome, 'library');
    await fs.mkdir(target);
    const restored = await cli(['restore', '--from', backupDir, '--to', target], home);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.json).toMatchObject({ samples: 13, changeEvents: 3, replaced: false, backupCheck: { ok: true }, libraryCheck: { ok: true } });
    const again = await cli(['restore', '--from', backupDir, '--to', target], home);
    expect(again.code).toBe(1);
    expect(again.json.errors[0].message).toMatch(/holds a CytoCurator library; restore into an empty or new folder, or add --force/);

    // The restored library is the default library of another user folder: the workstation opens it as is.
    session = await startWorkstationSession(restoredHome);
    const p = page();
    await session.open();
    await waitFor(() => p.getByTestId('sample-count').innerText(), (t) => t === '13 samples', 'the restored library', 20_000);
    const after = await libraryView(session.server);
    expect(after).toEqual(before);
    expect(after.audit.map((e) => [e.action, e.reason])).toEqual([['flag', 'bubbles in the flow cell']]);
    // It knows it is that backup, verified, with nothing waiting.
    await waitFor(() => p.getByTestId('backup-status').innerText(), (t) => /^Backed up \d+ min ago$/.test(t), 'the restored backup state', 10_000);

    // The flagged sample, with its audit, in the sample panel.
    const field = p.getByTestId('filter-search');
    await field.fill('Pond_NA');
    await field.press('Enter');
    const row = p.locator('[data-testid="sample-grid"] .ag-row[row-id] [col-id="name"]', { hasText: cefasName });
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await row.dblclick();
    const audit = p.getByTestId('sample-audit');
    await audit.locator('tr[data-action="flag"]').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await audit.locator('tr[data-action="flag"]').innerText()).toContain('4 (bad value)');
    await p.mouse.move(0, 0);
    await p.screenshot({ path: path.join(artifactsDir, 'backup-restored.png') });
    expect(session.problems).toEqual([]);
  });
});
