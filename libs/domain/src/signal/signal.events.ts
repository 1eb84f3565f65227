// Events of the Signal aggregate (stream `signal-<signalId>`). Each event keeps what is not
// personal data in `facts`/`changes` and personal data in `personal`: the store seals each
// personal text (@weerbaar/personal-data) and readers of a stream get them opened, or marked
// erased where their key was destroyed.
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
  /** Read back after the subject's key was destroyed: identifier '' and no name. */
  erased?: true;
}

/** The personal part of a signal: sealed at rest, never in logs. */
export interface SignalPersonalData {
  description: string;
  subjects: Subject[];
  policeReportReference?: string;
  /** Why the signal is withheld from the burgemeester (with withholdFromMayor). */
  withholdReason?: string;
  /** Read back after the signal's key was destroyed (retention): its texts are ''. */
  erased?: true;
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
  /** Read back after the signal's key was destroyed. */
  erased?: true;
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

/**
 * A subject's personal data was erased (GDPR art. 17): its data key is destroyed, so its
 * identifier and name are unreadable in every signal. Stream `subject-<fingerprint>`; the
 * fingerprint, counts and links stay.
 */
export interface SubjectErased {
  type: 'SubjectErased';
  data: {
    fingerprint: string;
    erasedAt: string;
    keysDestroyed: number;
    /** The ground of the erasure (a request's case number, the legal basis): never whose. */
    reason: string;
  };
}

export const subjectStreamId = (fingerprint: string): string => `subject-${fingerprint}`;
export type SignalEventType = SignalEvent['type'];

export const SIGNAL_EVENT_TYPES: readonly SignalEventType[] = [
  'SignalRecorded',
  'SignalAmended',
  'SignalRetracted',
];

export const signalStreamId = (signalId: string): string => `signal-${signalId}`;
