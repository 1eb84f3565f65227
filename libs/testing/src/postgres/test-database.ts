// Throwaway databases on the test PostgreSQL server: one fresh database per test file, dropped after.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const TEST_DATABASE_PREFIX = 'weerbaar_test_';

export interface TestDatabase {
  /** Connection URL of the fresh database. */
  readonly url: string;
  readonly name: string;
  /** Drops the database, ending any session still connected to it. */
  drop(): Promise<void>;
}

/** URL of the test server: set by the `pg` Jest project's global setup (or by the caller). */
export function testServerUrl(): string {
  const url = process.env.WEERBAAR_TEST_PG_URL;
  if (!url) {
    throw new Error(
      'WEERBAAR_TEST_PG_URL is not set: run PostgreSQL tests with `npx jest --selectProjects pg`, ' +
        'whose global setup starts a server, or point WEERBAAR_TEST_PG_URL at a test server',
    );
  }
  return url;
}

/**
 * Creates a fresh database on the test server. Its name must start with `weerbaar_test_`: these
 * helpers drop databases, and that prefix is what makes it safe to do so.
 */
export async function createTestDatabase(
  options: { name?: string; serverUrl?: string } = {},
): Promise<TestDatabase> {
  const name = options.name ?? `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  assertTestDatabaseName(name);
  const serverUrl = options.serverUrl ?? testServerUrl();
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      await withAdminClient(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    },
  };
}

export function assertTestDatabaseName(name: string): void {
  if (!name.startsWith(TEST_DATABASE_PREFIX) || !/^[a-z0-9_]+$/.test(name)) {
    throw new Error(
      `Refusing to use database "${name}": test databases are named ${TEST_DATABASE_PREFIX}<lowercase letters, digits, _>`,
    );
  }
}

async function withAdminClient<T>(
  serverUrl: string,
  fn: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
