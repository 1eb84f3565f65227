// Nest injection token of the EventStore port.
export const EVENT_STORE = Symbol('EventStore');
/** Nest injection token of the SqlDatabase the event store (and processor checkpoints) live in. */
export const SQL_DATABASE = Symbol('SqlDatabase');
