// Real PostgreSQL for tests: throwaway databases on the server the `pg` Jest project starts.
export { assertTestDatabaseName, createTestDatabase, testServerUrl } from './test-database';
export type { TestDatabase } from './test-database';
