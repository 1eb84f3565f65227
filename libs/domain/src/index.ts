// The public face of the domain: events, commands, deciders, validation, risk maths and errors.
// Pure: nothing here does I/O or reads a clock.
export * from './errors';
export * from './shared/command-metadata';
export * from './shared/input-reader';
export * from './shared/json-equality';
export * from './shared/time';
export * from './shared/amsterdam-day';

export * from './signal/signal.values';
export * from './signal/signal.events';
export * from './signal/signal.commands';
export * from './signal/signal.validation';
export * from './signal/signal.decider';
export * from './signal/signal.labels';

export * from './escalation/escalation.events';
export * from './escalation/escalation.commands';
export * from './escalation/escalation.decider';
export * from './escalation/escalation.validation';

export * from './contacts/contacts';

export * from './risk/risk.config';
export * from './risk/risk.score';
export * from './risk/risk.picture';
export * from './risk/risk.region';
export * from './risk/risk.history';
export * from './risk/risk.decayed-sum';
export * from './risk/risk.exact-sum';
