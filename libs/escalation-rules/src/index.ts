// Escalation rules: the rule sets as data and their catalogue, snoozes, the deterministic rule
// engine over the global log with the state it keeps, and back-testing.
export * from './rule-set';
export * from './rule-set.catalogue';
export * from './snooze';
export * from './rule-engine.types';
export * from './rule-state';
export * from './rule-engine';
export * from './escalation-id';
export * from './explanations';
export * from './backtest';
export * from './store/rule-state.schema';
export * from './store/sql-rule-state.store';
export * from './rule-labels';
