import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './http-error.js';

/**
 * A tiny router over the raw request path: segments are compared as sent, never decoded or normalised, so `..` or
 * `%2F` cannot steer a request anywhere; a `:name` segment captures one segment as it was sent.
 */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
}

export type Handler = (ctx: RouteContext) => Promise<void>;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  /** The handler for a request, or an HttpError: 404 for an unknown path, 405 (with Allow) for a known path and another method. */
  match(method: string, rawUrl: string): { handler: Handler; params: Record<string, string>; query: URLSearchParams } {
    const q = rawUrl.indexOf('?');
    const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1));
    const segments = rawPath.split('/').filter((s, i, all) => s !== '' || (i > 0 && i < all.length - 1));
    const allowed: string[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method) return { handler: route.handler, params, query };
      allowed.push(route.method);
    }
    if (allowed.length > 0) throw new HttpError(405, `${method} is not allowed here (allowed: ${allowed.join(', ')})`, undefined, undefined, { Allow: allowed.join(', ') });
    throw new HttpError(404, 'no such endpoint');
  }
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const a = actual[i]!;
    if (p.startsWith(':')) params[p.slice(1)] = a;
    else if (p !== a) return null;
  }
  return params;
}
