import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openPostgresDatabase } from '../../src/db/connection.js';
import { serverUrl, TEST_DIALECT } from '../support/postgres.js';

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function connectError(url: string): Promise<string> {
  const handle = openPostgresDatabase(url, 1);
  try {
    await handle.connect();
    return 'connected';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await handle.close();
  }
}

describe('starting on PostgreSQL', () => {
  it('GIVEN a URL with a password THEN the handle says where the database is without it, and its pool is empty before use', async () => {
    const handle = openPostgresDatabase(
      'postgres://waymark:s3cret@db.example.org:5433/waymark?sslmode=require',
      3,
    );
    try {
      expect(handle.location).toBe('db.example.org:5433/waymark');
      expect(handle.connections()).toEqual({ inUse: 0, idle: 0, waiting: 0, size: 3 });
    } finally {
      await handle.close();
    }
  });

  it('GIVEN a server that is not there THEN one line names where, and not the password', async () => {
    const port = await closedPort();
    const message = await connectError(`postgres://waymark:s3cret@127.0.0.1:${port}/waymark`);
    expect(message).toBe(`cannot reach PostgreSQL at 127.0.0.1:${port}/waymark (ECONNREFUSED)`);
  });

  it.runIf(TEST_DIALECT === 'postgres')(
    'GIVEN a wrong password THEN one line says the credentials were refused, and not the password',
    async () => {
      const url = new URL(serverUrl());
      // Query parameters, which pg prefers to the URL's user, and work with a socket's empty host.
      url.searchParams.set('user', 'waymark_nobody');
      url.searchParams.set('password', 's3cret');
      const message = await connectError(url.toString());
      expect(message).toMatch(/^PostgreSQL at .+ refused the user or password in DATABASE_URL$/);
      expect(message).not.toContain('s3cret');
    },
  );
});
