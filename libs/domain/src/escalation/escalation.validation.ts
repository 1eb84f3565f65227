// Parses the bodies of the analyst's case commands (assign, annotate, close), reporting every
// problem at once, like the signal endpoints do.
import { InputReader } from '../shared/input-reader';
import { ESCALATION_OUTCOMES, type EscalationOutcome } from './escalation.events';

export const ESCALATION_LIMITS = {
  assigneeMaxLength: 200,
  noteMaxLength: 10_000,
  closingNoteMaxLength: 2_000,
} as const;

export function parseAssignRequest(input: unknown): { assignee: string } {
  const reader = new InputReader();
  const body = reader.root(input, ['assignee']);
  return reader.complete({
    assignee: reader.text(body, 'assignee', {
      required: true,
      maxLength: ESCALATION_LIMITS.assigneeMaxLength,
      trim: true,
    }),
  });
}

export function parseNoteRequest(input: unknown): { text: string } {
  const reader = new InputReader();
  const body = reader.root(input, ['text']);
  return reader.complete({
    text: reader.text(body, 'text', {
      required: true,
      maxLength: ESCALATION_LIMITS.noteMaxLength,
      trim: true,
    }),
  });
}

export function parseCloseRequest(input: unknown): { outcome: EscalationOutcome; note: string } {
  const reader = new InputReader();
  const body = reader.root(input, ['outcome', 'note']);
  return reader.complete({
    outcome: reader.oneOf(body, 'outcome', ESCALATION_OUTCOMES),
    note: reader.text(body, 'note', {
      required: true,
      maxLength: ESCALATION_LIMITS.closingNoteMaxLength,
      trim: true,
    }),
  });
}
