// The correlation id of the work in hand (an HTTP request's id), carried through async calls, so
// that every event appended on its behalf records it without each handler passing it along.
import { AsyncLocalStorage } from 'node:async_hooks';

const context = new AsyncLocalStorage<string>();

/** Runs `fn` with `correlationId` as the id that events appended within it record. */
export function withCorrelationId<T>(correlationId: string, fn: () => T): T {
  return context.run(correlationId, fn);
}

/** The correlation id of the work in hand, if any. */
export function currentCorrelationId(): string | undefined {
  return context.getStore();
}
