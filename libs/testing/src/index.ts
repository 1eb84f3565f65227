// Test helpers: Given/When/Then specifications, builders, and throwaway PostgreSQL databases.
export * from './specification';
export * from './builders/signal-request.builder';
export * from './postgres';
