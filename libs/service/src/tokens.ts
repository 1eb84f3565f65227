/** The opened adapters as a whole (the relay needs the broker client and the processor lock). */
export const INFRASTRUCTURE = Symbol('Infrastructure');
