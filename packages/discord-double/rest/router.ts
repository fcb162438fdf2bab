import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { CommandStore } from '../commands.js';
import type { InteractionStore } from '../interactions.js';
import type { UploadedFile } from '../messages.js';
import type { DoubleState } from '../state.js';

/** What route modules need from the double. */
export interface RestDeps {
  state: DoubleState;
  commands: CommandStore;
  interactions: InteractionStore;
  gatewayUrl: () => string;
  /** `GET /gateway/bot`'s recommended shard count and `max_concurrency`. */
  sharding: () => { shards: number; maxConcurrency: number };
  /** Discord's 3-second window to acknowledge an interaction. */
  ackWindowMs: number;
  /** Interaction tokens (follow-ups, @original edits) stay valid for 15 minutes. */
  tokenTtlMs: number;
  /** How long `enforce_nonce` returns the message a nonce created. */
  nonceWindowMs: number;
}

export interface RouteContext {
  method: string;
  /** Path below `/api/v10`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
  headers: IncomingHttpHeaders;
}

export interface RouteResult {
  status: number;
  body?: unknown;
}

export type Handler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  /** Bot-token routes; interaction callbacks and webhook-token routes are unauthenticated. */
  auth: boolean;
  handler: Handler;
}

export const ok = (body: unknown): RouteResult => ({ status: 200, body });
export const created = (body: unknown): RouteResult => ({ status: 201, body });
export const noContent = (): RouteResult => ({ status: 204 });

/** Minimal path router: `/channels/:channelId/messages`; literal segments like `@me` win when listed first. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, template: string, handler: Handler, options: { auth?: boolean } = {}): void {
    const keys: string[] = [];
    const source = template
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        keys.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({
      method,
      pattern: new RegExp(`^${source}$`),
      keys,
      auth: options.auth ?? true,
      handler,
    });
  }

  match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const match = route.pattern.exec(path);
      if (!match) continue;
      const params = Object.fromEntries(route.keys.map((key, i) => [key, decodeURIComponent(match[i + 1]!)]));
      return { route, params };
    }
    return undefined;
  }
}

/**
 * Reads a request body the way Discord accepts it: JSON, or multipart/form-data with `payload_json`
 * plus `files[n]` parts (parsed with the WHATWG Request of Node 20, no extra dependency).
 */
export async function readBody(request: IncomingMessage): Promise<{ body: unknown; files: UploadedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: undefined, files: [] };
  const contentType = request.headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Request('http://double.local', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: raw,
    }).formData();
    const files: UploadedFile[] = [];
    let body: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
        continue;
      }
      files.push({
        field,
        filename: value.name,
        contentType: value.type || 'application/octet-stream',
        data: Buffer.from(await value.arrayBuffer()),
      });
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')), files: [] };
}
