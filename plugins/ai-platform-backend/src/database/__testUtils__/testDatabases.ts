import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/**
 * The local PostgreSQL the test script points at, with the same default as
 * scripts/test.sh. TestDatabases runs PostgreSQL whenever its connection
 * string variable is set (CI or not), so setting it here makes every database
 * test run on PostgreSQL as well as SQLite; if the server is down the tests
 * fail instead of silently running on SQLite only.
 */
export const POSTGRES_ENV =
  'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

export function createTestDatabases(): TestDatabases {
  process.env[POSTGRES_ENV] ??=
    process.env.AI_PLATFORM_TEST_POSTGRES ??
    'postgresql://postgres@127.0.0.1:5432/postgres';
  return TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
}

export const DATABASE_IDS: TestDatabaseId[] = ['POSTGRES_15', 'SQLITE_3'];
