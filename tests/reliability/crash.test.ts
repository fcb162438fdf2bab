import { describe, expect, it } from 'vitest';
import { type CrashScenario, runCrashScenario } from './crash-harness.js';

/**
 * /about is read-only: this proves the harness (kill mid-burst, restart, integrity, every
 * answered interaction answered once). /check and /learned plug in the same way once merged.
 */
const aboutScenario: CrashScenario = {
  name: '/about',
  interaction: (double, user) => double.slash({ name: 'about', user: user.id }),
  effectPresent: async (_db, sent) => sent.reply?.embeds[0]?.title === 'Waymark',
};

describe('crash consistency: SIGKILL in the middle of a burst, then restart', () => {
  it('GIVEN a burst of 40 /about killed mid-way THEN the database is intact, nothing answered twice, and the restarted bot answers', async () => {
    const report = await runCrashScenario(aboutScenario, { burst: 40, killAfterAcknowledged: 1 });
    console.info(
      `crash /about: burst ${report.burst}, in flight at kill ${report.inFlightAtKill}, answered ${report.answered}, ` +
        `deferred only ${report.deferredOnly}, unacknowledged ${report.unacknowledged}, lost ${report.lost.length}`,
    );
    expect(report.integrity).toBe('ok');
    expect(report.inFlightAtKill).toBeGreaterThan(0);
    expect(report.lost).toEqual([]);
    expect(report.acknowledgedTwice).toEqual([]);
    expect(report.halfApplied).toEqual([]);
    expect(report.restartedCleanly).toBe(true);
    expect(report.answered + report.deferredOnly + report.unacknowledged).toBe(report.burst);
  }, 40_000);
});
