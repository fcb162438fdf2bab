/**
 * The fast Vitest project promises no Discord double and no child process, which is what keeps it
 * under 30 s; a file that needs either belongs in the e2e or process project (vitest.config.ts).
 */
export function refuseInFastProject(what: string): void {
  if (process.env.WAYMARK_FAST_TESTS) {
    throw new Error(
      `${what} in the fast test project: list this file under e2e or process in vitest.config.ts`,
    );
  }
}
