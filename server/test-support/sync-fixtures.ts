/** Helpers for the server tests: a running server on a free loopback port, users with tokens, events and records. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Role, SampleRecord, WireEvent } from '../../shared/sync/sync-protocol.js';
import { SYNC_API } from '../../shared/sync/sync-protocol.js';
import type { SqlDriver } from '../db/sql-driver.js';
import type { PublicationHook } from '../erddap/publication-hook.js';
import { createSyncServer } from '../http/sync-server.js';
import { addUser } from '../store/accounts.js';

export interface TestServer {
  url: string;
  dataDir: string;
  close(): Promise<void>;
  /** Adds a user with this role and logs in from `device`: the device token. */
  userToken(name: string, role: Role, device?: string): Promise<string>;
}

export const TEST_PASSWORD = 'correct horse battery';

export async function startTestServer(db: SqlDriver, publication: PublicationHook | null = null): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cytocurator-server-'));
  const server = createSyncServer({ db, dataDir, publication });
  const port = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    dataDir,
    async close() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    async userToken(name, role, device = `${name}-laptop`) {
      await addUser(db, name, role, TEST_PASSWORD);
      const res = await api(url, 'POST', '/login', null, { user: name, password: TEST_PASSWORD, device });
      if (res.status !== 200) throw new Error(`login of ${name} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { token: string }).token;
    },
  };
}

export interface ApiResponse {
  status: number;
  body: unknown;
  headers: Headers;
}

/** A JSON request to the sync API. */
export async function api(base: string, method: string, route: string, token: string | null, body?: unknown): Promise<ApiResponse> {
  const res = await fetch(`${base}${SYNC_API}${route}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null, headers: res.headers };
}

/** A raw request: the path exactly as given (no URL normalisation), any headers, a body of any size. */
export function rawRequest(
  base: string,
  method: string,
  rawPath: string,
  headers: Record<string, string | number>,
  body?: Buffer,
  /** Send the body with chunked transfer encoding (no Content-Length), in 1 MiB writes. */
  chunked = false,
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method, path: rawPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    // The server may answer (413, 401) and close before the whole body is sent: the answer is what counts.
    req.on('error', (err) => setTimeout(() => reject(err), 500));
    if (body && chunked) {
      for (let i = 0; i < body.length; i += 1 << 20) req.write(body.subarray(i, i + (1 << 20)));
      req.end();
    } else if (body) req.end(body);
    else req.end();
  });
}

let counter = 0;
export function newId(prefix = 'e'): string {
  return `${prefix}-${++counter}-${crypto.randomBytes(4).toString('hex')}`;
}

/** A valid flag event on a sample (override any field). */
export function flagEvent(over: Partial<WireEvent> & { sampleId?: string; group?: string } = {}): WireEvent {
  const { sampleId = 'cs-1', group, ...rest } = over;
  return {
    id: newId(),
    changeset: newId('c'),
    actor: 'curator-a',
    actorName: 'Curator A',
    device: 'laptop-a',
    action: 'flag',
    target: group === undefined ? { sampleId, kind: 'flag' } : { sampleId, kind: 'value-flag', group },
    serverBase: 0,
    before: null,
    after: { scheme: 'L20', code: '3', comment: null },
    reason: null,
    at: '2024-05-02T10:30:00.000Z',
    undoes: null,
    ...rest,
  };
}

export function approveEvent(sampleId: string, over: Partial<WireEvent> = {}, snapshot: Record<string, unknown> = { importVersion: 1, flag: null, valueFlags: {}, counts: {} }): WireEvent {
  return flagEvent({ action: 'approve', target: { sampleId, kind: 'review' }, after: { state: 'approved', approved: snapshot }, ...over });
}

export function unapproveEvent(sampleId: string, over: Partial<WireEvent> = {}): WireEvent {
  return flagEvent({ action: 'mark-attention', target: { sampleId, kind: 'review' }, after: { state: 'needs-attention', approved: null }, ...over });
}

export function datasetEvent(datasetId: string, metadata: Record<string, unknown>, sampleIds: string[], over: Partial<WireEvent> = {}): WireEvent {
  return flagEvent({ action: 'save-dataset', target: { sampleId: null, kind: 'dataset', datasetId }, after: { metadata, sampleIds }, ...over });
}

/** Dataset metadata as the workstation's dataset editor writes it (shared/publication/dataset-metadata.ts). */
export function datasetMetadata(accessRestriction: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'SOLA CytoSense 2024',
    abstract: 'Phytoplankton abundances by flow cytometry at SOLA, Banyuls-sur-Mer.',
    holdingCentreEdmo: '1084',
    originatorEdmo: '1084',
    pi: { name: 'A. Curator', email: 'curator@example.org' },
    project: null,
    platformClass: '17',
    platformCode: null,
    instrument: 'TOOL1209',
    deviceCategory: 'LAB37',
    accessRestriction,
    localCdiId: 'SOLA-FCM-2024',
    station: { name: 'SOLA', latitude: 42.4883, longitude: 3.145, samplingDepth_m: 3, bottomDepth_m: 27 },
    ...over,
  };
}

export function sampleRecord(id: string, over: Partial<SampleRecord> = {}): SampleRecord {
  return {
    id,
    importVersion: 1,
    name: `${id}.cyz`,
    source: 'cytosense',
    startedAt: '2024-05-02T10:30:00.000Z',
    latitude: null,
    longitude: null,
    depthMetres: null,
    volumeMicrolitres: 1000,
    deployment: 'SOLA 2024',
    station: null,
    instrument: 'CytoSense 1',
    eventCount: 12000,
    metadata: { 'Instrument serial': 'CS-2016-71' },
    abundances: [
      { set: 'Synecho', group: 'Synechococcus', events: 1500, abundancePerMl: 15000, template: 'tpl-1', templateVersion: 2, flag: null },
      { set: 'Picoeuk', group: 'Picoeukaryotes', events: 300, abundancePerMl: 3000.5, template: 'tpl-1', templateVersion: 2, flag: '2' },
    ],
    files: [],
    ...over,
  };
}
