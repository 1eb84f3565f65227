// Typed domain errors. Each carries a stable `code` that the HTTP layer maps to one
// application/problem+json status, so no layer above has to parse messages.

/** One problem with one input field; `field` is the JSON path of the API (`subjects[2].identifier`). */
export interface FieldError {
  field: string;
  message: string;
}

export type DomainErrorCode =
  'MALFORMED_INPUT' | 'VALIDATION_FAILED' | 'NOT_FOUND' | 'CONFLICT' | 'PRECONDITION_REQUIRED';

/** The field name used for a problem with the request body as a whole (JSON Pointer's root). */
export const WHOLE_BODY = '';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
}

/**
 * The input is not shaped like the request at all: not a JSON object, or fields the API does
 * not know (the API rejects unknown fields with 400 rather than ignoring them, so that a typo
 * in an optional field never passes silently).
 */
export class MalformedInputError extends DomainError {
  readonly code = 'MALFORMED_INPUT';
  constructor(readonly errors: FieldError[]) {
    super(`Malformed input: ${describe(errors)}`);
    this.name = 'MalformedInputError';
  }
}

/** The input is well-formed but breaks a rule of the domain (422). All problems at once. */
export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly errors: FieldError[]) {
    super(`Validation failed: ${describe(errors)}`);
    this.name = 'ValidationError';
  }

  static of(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}

export type ResourceKind = 'signal' | 'escalation' | 'rule set' | 'subject';

/** The addressed aggregate does not exist (404). */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(
    readonly resource: ResourceKind,
    readonly id: string,
  ) {
    super(`No ${resource} with id ${id}`);
    this.name = 'NotFoundError';
  }
}

export type ConflictReason =
  /** The same signal id was recorded before with other content. */
  | 'SIGNAL_EXISTS_WITH_OTHER_CONTENT'
  /** A retracted signal is history: it cannot be amended or retracted again. */
  | 'SIGNAL_RETRACTED'
  /** An escalation id is already taken by an escalation of another rule, municipality or trigger. */
  | 'ESCALATION_EXISTS_WITH_OTHER_CONTENT'
  /** A closed case is history: it cannot be acknowledged, assigned or closed again. */
  | 'ESCALATION_CLOSED'
  /** Four eyes: a rule set is published by another person than its author. */
  | 'RULE_SET_OWN_DRAFT'
  /** Only a draft newer than the live rule set can be published. */
  | 'RULE_SET_NOT_PUBLISHABLE'
  /** A snooze id is taken. */
  | 'SNOOZE_EXISTS';

/** The command contradicts the current state of the aggregate (409). */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
  constructor(
    readonly reason: ConflictReason,
    message: string,
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/**
 * A command that needs a precondition the caller did not give, such as the revision it read
 * before amending (428). Raised by command handlers, not by deciders.
 */
export class PreconditionRequiredError extends DomainError {
  readonly code = 'PRECONDITION_REQUIRED';
  constructor(message: string) {
    super(message);
    this.name = 'PreconditionRequiredError';
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;

function describe(errors: readonly FieldError[]): string {
  return errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');
}
