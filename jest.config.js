// Test levels by file suffix: *.unit.spec.ts, *.int.spec.ts and *.e2e.spec.ts run anywhere with
// Node alone (PGlite where a database is needed); *.pg.spec.ts run against a real PostgreSQL
// server started by infra/local/postgres.sh in the pg project's global setup; *.browser.spec.ts
// drive Chromium (npm run test:e2e).
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.unit.spec.ts'] },
    { ...common, displayName: 'int', testMatch: ['<rootDir>/{apps,libs}/**/*.int.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.e2e.spec.ts'],
    },
    {
      // Browser tests (npm run test:e2e): Chromium against the embedded platform and the
      // production build of the web app.
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/e2e/**/*.browser.spec.ts'],
    },
    {
      // Against a real Apache Kafka broker and PostgreSQL server (npm run test:kafka).
      ...common,
      displayName: 'kafka',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.kafka.spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/kafka/global-setup.js',
      globalTeardown: '<rootDir>/libs/testing/src/kafka/global-teardown.js',
    },
    {
      ...common,
      displayName: 'pg',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.pg.spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/postgres/global-setup.js',
      globalTeardown: '<rootDir>/libs/testing/src/postgres/global-teardown.js',
    },
  ],
};
