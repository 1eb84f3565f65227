// Given/When/Then helpers for deciders and event processors.
export * from './decider-specification';
export * from './signal-fixtures';
export * from './seeded-random';
