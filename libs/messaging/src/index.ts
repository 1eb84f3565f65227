export * from './message-bus.port';
export * from './in-process-bus';
export * from './kafka/kafka-event-message';
export * from './kafka/kafka-relay';
export * from './kafka/kafka-bus';
export * from './kafka/events-topic';
export * from './kafka/partition-keys';
