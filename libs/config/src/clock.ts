// The clock of command handlers: "now" comes from here, never from `new Date()` in logic, so
// tests can set the time.
export type Clock = () => Date;
export const CLOCK = Symbol('Clock');
export const systemClock: Clock = () => new Date();
