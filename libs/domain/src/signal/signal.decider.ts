// The Signal aggregate as a pure decider: the state a signal is in after its events (enough to
// answer a GET), and the events a command yields in that state (SPEC §3).
import { ConflictError, FieldError, NotFoundError, ValidationError, WHOLE_BODY } from '../errors';
import { sameJson } from '../shared/json-equality';
import type { AmendSignal, RecordSignal, RetractSignal, SignalCommand } from './signal.commands';
import type {
  AmendableFacts,
  SignalAmended,
  SignalEvent,
  SignalFacts,
  SignalPersonalChanges,
  SignalPersonalData,
} from './signal.events';
import {
  subcategoryMismatch,
  WITHHOLD_REASON_NEEDS_WITHHOLDING,
  WITHHOLD_REASON_REQUIRED,
} from './signal.validation';
import { isSubcategoryOf, SignalStatus } from './signal.values';

export interface NoSignal {
  status: 'NOT_RECORDED';
}

export interface RecordedSignal {
  status: SignalStatus;
  signalId: string;
  /** The current facts, amendments applied. */
  facts: SignalFacts;
  /** The current personal data, amendments applied. */
  personal: SignalPersonalData;
  /**
   * The content as first recorded. A retried record (same signal id) is compared with this, not
   * with the amended content: a client retrying its original request is still retrying.
   */
  recorded: { facts: SignalFacts; personal: SignalPersonalData };
  amendmentCount: number;
  /** ISO-8601 times from the store's recordedAt of the events, when the events carried it. */
  recordedAt?: string;
  amendedAt?: string;
  retractedAt?: string;
  retractionReason?: string;
}

export type SignalState = NoSignal | RecordedSignal;

/**
 * A signal event, optionally with the time the store recorded it (a RecordedEvent fits). Times
 * come with the event so that evolve stays pure and a replay yields the same state.
 */
export type SignalEventEnvelope = SignalEvent & { recordedAt?: Date };

export const initialSignalState = (): SignalState => ({ status: 'NOT_RECORDED' });

export function evolveSignal(state: SignalState, event: SignalEventEnvelope): SignalState {
  const at = event.recordedAt?.toISOString();
  switch (event.type) {
    case 'SignalRecorded': {
      const { signalId, facts, personal } = event.data;
      const recorded: RecordedSignal = {
        status: 'LIVE',
        signalId,
        facts,
        personal,
        recorded: { facts, personal },
        amendmentCount: 0,
      };
      if (at !== undefined) recorded.recordedAt = at;
      return recorded;
    }
    case 'SignalAmended': {
      // Events are facts: one that cannot apply (a corrupt stream) is skipped, not fatal.
      if (state.status === 'NOT_RECORDED') return state;
      const next: RecordedSignal = {
        ...state,
        facts: { ...state.facts, ...withoutUndefined(event.data.changes) },
        personal: applyPersonalChanges(state.personal, event.data.personalChanges),
        amendmentCount: state.amendmentCount + 1,
      };
      if (at !== undefined) next.amendedAt = at;
      return next;
    }
    case 'SignalRetracted': {
      if (state.status === 'NOT_RECORDED') return state;
      const next: RecordedSignal = {
        ...state,
        status: 'RETRACTED',
        retractionReason: event.data.reason,
      };
      if (at !== undefined) next.retractedAt = at;
      return next;
    }
  }
}

export function decideSignal(command: SignalCommand, state: SignalState): SignalEvent[] {
  switch (command.type) {
    case 'RecordSignal':
      return decideRecord(command, state);
    case 'AmendSignal':
      return decideAmend(command, requireChangeable(state, command.data.signalId));
    case 'RetractSignal':
      return decideRetract(command, requireChangeable(state, command.data.signalId));
  }
}

/** The decider in the shape Emmett's DeciderSpecification and the command handlers take. */
export const signalDecider = {
  decide: decideSignal,
  evolve: evolveSignal,
  initialState: initialSignalState,
};

function decideRecord(command: RecordSignal, state: SignalState): SignalEvent[] {
  const { signalId, facts, personal } = command.data;
  assertFingerprintsMatch(personal.subjects.length, facts.subjectFingerprints.length);
  if (state.status === 'NOT_RECORDED') {
    return [{ type: 'SignalRecorded', data: { signalId, facts, personal } }];
  }
  // Idempotent retry: the handler answers with the existing signal's result.
  if (sameJson({ facts, personal }, state.recorded)) return [];
  throw new ConflictError(
    'SIGNAL_EXISTS_WITH_OTHER_CONTENT',
    `Signal ${signalId} was already recorded with other content`,
  );
}

function requireChangeable(state: SignalState, signalId: string): RecordedSignal {
  if (state.status === 'NOT_RECORDED') throw new NotFoundError('signal', signalId);
  if (state.status === 'RETRACTED') {
    throw new ConflictError(
      'SIGNAL_RETRACTED',
      `Signal ${signalId} is retracted and can no longer be changed`,
    );
  }
  return state;
}

const AMENDABLE_FACT_KEYS = [
  'category',
  'subcategory',
  'targetRole',
  'severity',
  'occurredAt',
  'policeReportFiled',
  'source',
  'classification',
  'sourceReliability',
  'informationCredibility',
  'subjectFingerprints',
  'withholdFromMayor',
] as const satisfies readonly (keyof AmendableFacts)[];

function decideAmend(command: AmendSignal, state: RecordedSignal): SignalEvent[] {
  const { signalId, changes, personalChanges, reason } = command.data;
  if (personalChanges.subjects !== undefined) {
    assertFingerprintsMatch(personalChanges.subjects.length, changes.subjectFingerprints?.length);
  } else if (changes.subjectFingerprints !== undefined) {
    // New fingerprints of the same subjects (a new fingerprint key): one per current subject.
    assertFingerprintsMatch(state.personal.subjects.length, changes.subjectFingerprints.length);
  }

  // Only what actually changes goes into the event: the history then says what was corrected.
  const factChanges: AmendableFacts = {};
  for (const key of AMENDABLE_FACT_KEYS) {
    keepIfChanged(factChanges, key, changes[key], state.facts[key]);
  }
  const personalDiff: SignalPersonalChanges = {};
  keepIfChanged(
    personalDiff,
    'description',
    personalChanges.description,
    state.personal.description,
  );
  keepIfChanged(personalDiff, 'subjects', personalChanges.subjects, state.personal.subjects);
  keepRemovableIfChanged(personalDiff, personalChanges, state.personal, 'policeReportReference');
  keepRemovableIfChanged(personalDiff, personalChanges, state.personal, 'withholdReason');

  if (Object.keys(factChanges).length === 0 && Object.keys(personalDiff).length === 0) {
    throw ValidationError.of(
      WHOLE_BODY,
      'changes nothing: every given field already has that value',
    );
  }
  const problems = amendedSignalProblems(state, factChanges, personalDiff);
  if (problems.length > 0) throw new ValidationError(problems);

  const event: SignalAmended = {
    type: 'SignalAmended',
    data: { signalId, changes: factChanges, personalChanges: personalDiff, reason },
  };
  return [event];
}

/** Rules across fields that can only be checked on the signal as it would be after the amendment. */
function amendedSignalProblems(
  state: RecordedSignal,
  factChanges: AmendableFacts,
  personalDiff: SignalPersonalChanges,
): FieldError[] {
  const problems: FieldError[] = [];
  const category = factChanges.category ?? state.facts.category;
  const subcategory = factChanges.subcategory ?? state.facts.subcategory;
  if (!isSubcategoryOf(category, subcategory)) {
    problems.push({
      field: 'subcategory',
      message:
        factChanges.subcategory === undefined
          ? `must be given when the category changes to ${category}: the current ${subcategory} does not belong to it`
          : subcategoryMismatch(category, subcategory),
    });
  }
  const filed = factChanges.policeReportFiled ?? state.facts.policeReportFiled;
  const reference =
    personalDiff.policeReportReference === null
      ? undefined
      : (personalDiff.policeReportReference ?? state.personal.policeReportReference);
  if (!filed && reference !== undefined) {
    problems.push({
      field: 'policeReportReference',
      message:
        'is only allowed when policeReportFiled is true: remove it (null) when no report was filed',
    });
  }
  const withheld = factChanges.withholdFromMayor ?? state.facts.withholdFromMayor === true;
  const withholdReason =
    personalDiff.withholdReason === null
      ? undefined
      : (personalDiff.withholdReason ?? state.personal.withholdReason);
  if (withheld && withholdReason === undefined) {
    problems.push({ field: 'withholdReason', message: WITHHOLD_REASON_REQUIRED });
  }
  if (!withheld && withholdReason !== undefined) {
    problems.push({
      field: 'withholdReason',
      message: `${WITHHOLD_REASON_NEEDS_WITHHOLDING}: remove it (null) when the signal is shown to the burgemeester`,
    });
  }
  return problems;
}

function decideRetract(command: RetractSignal, _state: RecordedSignal): SignalEvent[] {
  const { signalId, reason } = command.data;
  return [{ type: 'SignalRetracted', data: { signalId, reason } }];
}

function keepIfChanged<T extends object, K extends keyof T>(
  target: T,
  key: K,
  next: T[K] | undefined,
  current: unknown,
): void {
  if (next !== undefined && !sameJson(next, current)) target[key] = next;
}

/** Personal fields an amendment can remove by giving null. */
type RemovablePersonalField = 'policeReportReference' | 'withholdReason';

/** Keeps a removable field's change when it changes anything: a new text, or null for one there. */
function keepRemovableIfChanged(
  diff: SignalPersonalChanges,
  asked: SignalPersonalChanges,
  current: SignalPersonalData,
  field: RemovablePersonalField,
): void {
  const next = asked[field];
  if (next === null && current[field] !== undefined) diff[field] = null;
  else if (typeof next === 'string' && next !== current[field]) diff[field] = next;
}

function applyPersonalChanges(
  personal: SignalPersonalData,
  changes: SignalPersonalChanges,
): SignalPersonalData {
  const { policeReportReference, withholdReason, ...rest } = changes;
  const next: SignalPersonalData = { ...personal, ...withoutUndefined(rest) };
  const removable = { policeReportReference, withholdReason };
  for (const field of ['policeReportReference', 'withholdReason'] as const) {
    const value = removable[field];
    if (value === null) delete next[field];
    else if (value !== undefined) next[field] = value;
  }
  return next;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// The fingerprints are computed by the handler from the subjects; a mismatch is a bug there, and
// recording it would link the wrong subjects across signals.
function assertFingerprintsMatch(subjects: number, fingerprints: number | undefined): void {
  if (fingerprints !== subjects) {
    throw new Error(
      `Bug in the caller: ${subjects} subjects but ${fingerprints ?? 'no'} subject fingerprints`,
    );
  }
}
