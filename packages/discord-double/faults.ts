import { STATUS_CODES } from 'node:http';
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { DiscordErrorBody, RateLimitBody } from './errors.js';

export interface FaultSpec {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Path below `/api/v10` (exact string, query excluded) or a RegExp tested against it. */
  path: string | RegExp;
  /** Status to answer with. Omit to only delay (with `delayMs`) and then answer normally. */
  status?: number;
  /** Response JSON; sensible Discord-shaped defaults per status (403 → 50013 Missing Permissions, ...). */
  body?: DiscordErrorBody | RateLimitBody | Record<string, unknown>;
  /** For 429: seconds until retry, sent as `Retry-After` header and `retry_after`. Fractions allowed. */
  retryAfter?: number;
  /** For 429: a global rate limit (`X-RateLimit-Global`, scope "global"). */
  global?: boolean;
  /** How many matching requests to fail (default 1). */
  times?: number;
  /** Wait this long before answering: a slow Discord. */
  delayMs?: number;
  /**
   * Carry the request out first, then answer with `status` anyway: Discord created the message
   * but the answer was lost (a 502 from its edge), so the client cannot tell and retries.
   */
  afterCarryingOut?: boolean;
}

export interface FaultHandle {
  readonly spec: FaultSpec;
  /** Requests this fault has answered so far. */
  readonly hits: number;
  readonly remaining: number;
}

interface Fault extends FaultHandle {
  hits: number;
  remaining: number;
}

export interface FaultResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** REST fault injection: the next matching request(s) get the configured answer instead of the route's. */
export class FaultInjector {
  private faults: Fault[] = [];

  add(spec: FaultSpec): FaultHandle {
    const fault: Fault = { spec, hits: 0, remaining: spec.times ?? 1 };
    this.faults.push(fault);
    return fault;
  }

  /** The first armed fault matching this request, consumed by one. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find(
      ({ spec, remaining }) =>
        remaining > 0 &&
        (spec.method === undefined || spec.method.toUpperCase() === method) &&
        (typeof spec.path === 'string' ? spec.path === path : spec.path.test(path)),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    fault.hits += 1;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return fault;
  }

  clear(): void {
    this.faults = [];
  }
}

/** The HTTP answer for a fault with a status, shaped like Discord's (headers included for 429). */
export function faultResponse(spec: FaultSpec & { status: number }): FaultResponse {
  const { status } = spec;
  if (status === 429) {
    const retryAfter = spec.retryAfter ?? 1;
    const global = spec.global ?? false;
    return {
      status,
      headers: {
        'retry-after': String(retryAfter),
        'x-ratelimit-limit': '1',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': String(retryAfter),
        'x-ratelimit-scope': global ? 'global' : 'user',
        ...(global ? { 'x-ratelimit-global': 'true' } : {}),
      },
      body: spec.body ?? { message: 'You are being rate limited.', retry_after: retryAfter, global },
    };
  }
  return { status, headers: {}, body: spec.body ?? defaultBody(status) };
}

function defaultBody(status: number): DiscordErrorBody {
  if (status === 403) return { message: 'Missing Permissions', code: RESTJSONErrorCodes.MissingPermissions };
  return { message: `${status}: ${STATUS_CODES[status] ?? 'Error'}`, code: 0 };
}
