// Events of the Signal aggregate (stream `signal-<signalId>`). Each event keeps what is not
// personal data in `facts`/`changes` and personal data in `personal`, so that encryption can
// wrap `personal` later without changing the event's shape.
import type {
  Category,
  Classification,
  InformationCredibility,
  Severity,
  Source,
  SourceReliability,
  Subcategory,
  SubjectKind,
  TargetRole,
} from './signal.values';

/** The non-personal part of a signal: what projections and rules may read. */
export interface SignalFacts {
  municipality: string; // CBS code GMdddd
  category: Category;
  subcategory: Subcategory;
  targetRole: TargetRole;
  severity: Severity;
  occurredAt: string; // ISO-8601, UTC, normalised with toISOString()
  policeReportFiled: boolean;
  source: Source;
  classification: Classification;
  sourceReliability: SourceReliability;
  informationCredibility: InformationCredibility;
  /** Keyed fingerprints of the subjects, in the order of `personal.subjects`. */
  subjectFingerprints: string[];
  /**
   * Kept out of the burgemeester's view (when the mayor is involved): the signal then counts only
   * for the RIEC. Absent in events recorded before the field existed, which means false.
   */
  withholdFromMayor?: boolean;
}

export interface Subject {
  kind: SubjectKind;
  identifier: string;
  displayName?: string;
}

/** The personal part of a signal: encrypted at rest (a later issue), never in logs. */
export interface SignalPersonalData {
  description: string;
  subjects: Subject[];
  policeReportReference?: string;
  /** Why the signal is withheld from the burgemeester (with withholdFromMayor). */
  withholdReason?: string;
}

/**
 * Replaced personal fields in an amendment: absent = unchanged; `null` = removed (JSON has no
 * undefined, and a reference must go when the report turns out not filed, a withholding reason
 * when the signal is shown to the burgemeester after all).
 */
export interface SignalPersonalChanges {
  description?: string;
  subjects?: Subject[];
  policeReportReference?: string | null;
  withholdReason?: string | null;
}

/** Fields a coordinator may correct; the municipality is fixed (retract and record anew). */
export type AmendableFacts = Partial<Omit<SignalFacts, 'municipality'>>;

export interface SignalRecorded {
  type: 'SignalRecorded';
  data: {
    signalId: string;
    facts: SignalFacts;
    personal: SignalPersonalData;
  };
}

export interface SignalAmended {
  type: 'SignalAmended';
  data: {
    signalId: string;
    changes: AmendableFacts;
    /** Replaced personal fields (absent = unchanged, see SignalPersonalChanges). */
    personalChanges: SignalPersonalChanges;
    reason: string;
  };
}

export interface SignalRetracted {
  type: 'SignalRetracted';
  data: { signalId: string; reason: string };
}

export type SignalEvent = SignalRecorded | SignalAmended | SignalRetracted;
export type SignalEventType = SignalEvent['type'];

export const SIGNAL_EVENT_TYPES: readonly SignalEventType[] = [
  'SignalRecorded',
  'SignalAmended',
  'SignalRetracted',
];

export const signalStreamId = (signalId: string): string => `signal-${signalId}`;
