// Escalation rules: the rule set as data, and the deterministic rule engine over the global log.
export * from './rule-set';
export * from './rule-engine.types';
export * from './rule-engine';
export * from './escalation-id';
export * from './explanations';
export * from './persistent-map';
