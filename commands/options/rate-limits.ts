import type { RateLimitRule } from '../../src/discord/rate-limiter.js';

/**
 * Posting is a deliberate act; a burst usually means a script or a stuck key. Modal submits are
 * counted too, so opening and sending the /learned modal uses two of these. Shared by /learned,
 * /resources and /project, each command with one budget for all its subcommands.
 */
export const SHARING_RATE_LIMIT: RateLimitRule = { uses: 10, windowMs: 5 * 60_000 };
