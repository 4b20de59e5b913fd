/**
 * Browser mode: the same service and the same renderer, over HTTP on 127.0.0.1. Static files are public;
 * /api/call/<operation> and /api/events need the per-launch token (see request-guard.ts).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatch } from '../../shared/api/dispatch.js';
import { CurationError, toErrorData } from '../../shared/api/errors.js';
import type { CurationErrorData } from '../../shared/api/errors.js';
import type { CurationApi } from '../../shared/api/contract.js';
import { securityHeaders } from '../common/csp.js';
import { resolveInside } from '../common/safe-path.js';
import { mimeTypeFor } from '../common/mime-types.js';
import { checkApiRequest } from './request-guard.js';

export interface BrowserServerOptions {
  service: CurationApi;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
  maxRequestBytes?: number;
}

export interface BrowserServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const statusByCode: Record<CurationErrorData['code'], number> = {
  'invalid-request': 400,
  'unknown-operation': 404,
  'not-found': 404,
  'read-only': 409,
  conflict: 409,
  'invalid-input': 422,
  unauthorized: 401,
  forbidden: 403,
  'too-large': 413,
  cancelled: 409,
  internal: 500,
};

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, error: CurationErrorData): void {
  sendJson(res, statusByCode[error.code] ?? 500, { ok: false, error });
}

async function readBody(req: http.IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new CurationError({ code: 'too-large', message: `request body over ${limit} bytes` });
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new CurationError({ code: 'invalid-request', message: 'request body is not valid JSON' });
  }
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const limit = options.maxRequestBytes ?? 1024 * 1024;
  const { service, staticDir } = options;
  const eventClients = new Set<http.ServerResponse>();
  let port = 0;

  const unsubscribe = service.onEvent((event) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const client of eventClients) client.write(frame);
  });

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<void> {
    const verdict = checkApiRequest(
      {
        method: req.method ?? 'GET',
        host: header(req, 'host'),
        origin: header(req, 'origin'),
        secFetchSite: header(req, 'sec-fetch-site'),
        authorization: header(req, 'authorization'),
      },
      token,
      port,
    );
    if (!verdict.ok) {
      sendError(res, { code: verdict.status === 401 ? 'unauthorized' : 'forbidden', message: verdict.reason });
      return;
    }
    if (pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        ...securityHeaders,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      eventClients.add(res);
      const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(keepAlive);
        eventClients.delete(res);
      });
      return;
    }
    const match = /^\/api\/call\/([A-Za-z]+)$/.exec(pathname);
    if (!match || req.method !== 'POST') {
      sendError(res, { code: 'unknown-operation', message: `no API route ${req.method} ${pathname}` });
      return;
    }
    const contentType = header(req, 'content-type') ?? '';
    if (!contentType.startsWith('application/json')) {
      // Refusing other types also keeps "simple" cross-site form posts out.
      sendError(res, { code: 'invalid-request', message: 'Content-Type must be application/json' });
      return;
    }
    try {
      const body = await readBody(req, limit);
      const result = await dispatch(service, match[1], body);
      sendJson(res, 200, { ok: true, result });
    } catch (err) {
      sendError(res, toErrorData(err));
    }
  }

  function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...securityHeaders, Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = resolveInside(staticDir, pathname === '/' ? '/index.html' : pathname);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': mimeTypeFor(file),
      'Content-Length': fs.statSync(file).size,
      'Cache-Control': file.endsWith('.html') ? 'no-store' : 'max-age=3600',
    });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  }

  const server = http.createServer((req, res) => {
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (pathname.startsWith('/api/')) {
      handleApi(req, res, pathname).catch((err: unknown) => {
        if (!res.headersSent) sendError(res, toErrorData(err));
        else res.end();
      });
    } else {
      handleStatic(req, res, pathname);
    }
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    async close() {
      unsubscribe();
      for (const client of eventClients) client.end();
      eventClients.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
