import type { Clock } from '../shared/clock.js';

export interface RateLimitRule {
  /** How many uses fit in the window. */
  uses: number;
  windowMs: number;
}

/**
 * Admin setup (importing and refining a roadmap, scheduling the digest) comes in bursts of
 * deliberate steps; the budget fits a setup session and still stops a script.
 */
export const ADMIN_SETUP_RATE_LIMIT: RateLimitRule = { uses: 20, windowMs: 60_000 };

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAt: Date };

/**
 * A sliding-window limiter per key (member + command). In memory on purpose: a restart
 * forgiving a member's cooldown costs nothing, and it keeps the hot path free of writes.
 */
export class RateLimiter {
  readonly #uses = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  take(key: string, rule: RateLimitRule): RateLimitVerdict {
    const now = this.clock.now().getTime();
    const recent = (this.#uses.get(key) ?? []).filter((at) => at > now - rule.windowMs);
    if (recent.length >= rule.uses) {
      this.#uses.set(key, recent);
      return { allowed: false, retryAt: new Date((recent[0] ?? now) + rule.windowMs) };
    }
    recent.push(now);
    this.#uses.set(key, recent);
    if (this.#uses.size > 10_000) this.#forgetIdle(now, rule.windowMs);
    return { allowed: true };
  }

  #forgetIdle(now: number, windowMs: number): void {
    for (const [key, uses] of this.#uses) {
      if ((uses.at(-1) ?? 0) <= now - windowMs) this.#uses.delete(key);
    }
  }
}
