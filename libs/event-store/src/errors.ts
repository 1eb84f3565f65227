// Typed errors of the event store; the HTTP layer maps them to problem+json.

export class StreamRevisionConflictError extends Error {
  readonly code = 'STREAM_REVISION_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamId}: expected revision ${expected}, actual ${String(actual)}`);
    this.name = 'StreamRevisionConflictError';
  }
}

export class EventIdConflictError extends Error {
  readonly code = 'EVENT_ID_CONFLICT';
  constructor(readonly eventId: string) {
    super(`Event ${eventId} is already stored with other content`);
    this.name = 'EventIdConflictError';
  }
}

export class InvalidAppendError extends Error {
  readonly code = 'INVALID_APPEND';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}
