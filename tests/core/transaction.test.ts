import { describe, expect, it } from 'vitest';
import { isRetryable, TRANSACTION_ATTEMPTS, withRetry } from '../../src/db/transaction.js';

/** What pg rejects with: an Error carrying the SQLSTATE in `code`. */
function pgError(code: string): Error {
  return Object.assign(new Error(`pg ${code}`), { code });
}

/** Work that fails with `errors` in turn, then returns how many calls it took. */
function failing(...errors: Error[]) {
  let calls = 0;
  return {
    work: async () => {
      calls++;
      const error = errors.shift();
      if (error) throw error;
      return calls;
    },
    calls: () => calls,
  };
}

describe('withRetry', () => {
  it.each(['40001', '40P01'])(
    'GIVEN a transaction that fails once with %s THEN it is run again and succeeds',
    async (code) => {
      const { work } = failing(pgError(code));
      expect(await withRetry(work)).toBe(2);
    },
  );

  it('GIVEN serialization failures every time THEN it gives up after a bounded number of attempts with the last error', async () => {
    const { work, calls } = failing(...Array.from({ length: 10 }, () => pgError('40001')));
    await expect(withRetry(work)).rejects.toThrow('pg 40001');
    expect(calls()).toBe(TRANSACTION_ATTEMPTS);
  });

  it.each([pgError('23505'), new Error('injected failure')])(
    'GIVEN any other failure (%s) THEN it is not retried',
    async (error) => {
      const { work, calls } = failing(error);
      await expect(withRetry(work)).rejects.toBe(error);
      expect(calls()).toBe(1);
    },
  );

  it('recognises only the SQLSTATEs a retry cures', () => {
    expect(
      [pgError('40001'), pgError('40P01'), pgError('23505'), new Error('x'), null, 'x'].map(isRetryable),
    ).toEqual([true, true, false, false, false, false]);
  });
});
