export * from './message-bus.port';
export * from './in-process-bus';
