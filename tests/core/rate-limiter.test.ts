import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/discord/rate-limiter.js';
import { fixedClock } from '../../src/shared/clock.js';

describe('RateLimiter', () => {
  const rule = { uses: 2, windowMs: 10_000 };

  it('GIVEN a member within the limit THEN each use is allowed', () => {
    const limiter = new RateLimiter(fixedClock('2026-11-26T10:00:00Z'));
    expect(limiter.take('a', rule)).toEqual({ allowed: true });
    expect(limiter.take('a', rule)).toEqual({ allowed: true });
  });

  it('GIVEN a member over the limit THEN they are told when they can try again, and can then', () => {
    const clock = fixedClock('2026-11-26T10:00:00Z');
    const limiter = new RateLimiter(clock);
    limiter.take('a', rule);
    clock.advance(1_000);
    limiter.take('a', rule);
    expect(limiter.take('a', rule)).toEqual({ allowed: false, retryAt: new Date('2026-11-26T10:00:10Z') });
    expect(limiter.take('b', rule)).toEqual({ allowed: true });
    clock.advance(9_001);
    expect(limiter.take('a', rule)).toEqual({ allowed: true });
  });
});
