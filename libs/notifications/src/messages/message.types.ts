// The facts the messages of Weerbaar are written from: an escalation as the RIEC is told about
// it, and the burgemeester's summary. These shapes hold no personal data of subjects, no free
// text of signals and no detail of a TLP:RED signal beyond counts: what is not here cannot leak.
import type { Category, EscalationOutcome, RiskLevel, TrendDirection } from '@weerbaar/domain';

export type { EscalationOutcome };

export type CategoryCounts = Record<Category, number>;

/** An escalation as the RIEC's contacts are told about it (e-mail and webhook). */
export interface EscalationNotice {
  escalationId: string;
  /** Stream revision of the escalation event being delivered (0 = raised). */
  revision: number;
  kind: 'RAISED' | 'UPDATED';
  ruleId: string;
  ruleVersion: number;
  municipality: { code: string; name: string };
  riecRegion: { id: string; name: string };
  severity: 'MEDIUM' | 'HIGH' | 'CRITICAL';
  /** The rule engine's plain-Dutch explanation (counts and windows only, never personal data). */
  explanation: string;
  contributingSignalCount: number;
  raisedAt: string;
  /** Absolute URL of the case in the web app / API, for the analyst. */
  caseUrl: string;
}

/** One escalation of the municipality as the burgemeester may see it. */
export interface MayorEscalationLine {
  escalationId: string;
  ruleId: string;
  status: 'OPEN' | 'ACKNOWLEDGED' | 'CLOSED';
  raisedAt: string;
  closedAt: string | null;
  outcome: EscalationOutcome | null;
  /** Contributing signals per category that the burgemeester may count (not withheld from them). */
  signalCounts: CategoryCounts;
}

/** The burgemeester's summary of one municipality (SPEC §6), as JSON, e-mail and PDF. */
export interface MayorSummary {
  municipality: { code: string; name: string };
  riec: {
    id: string;
    name: string;
    /** Whom to call at the RIEC: people, not subjects. */
    contacts: { name: string; email: string; phone?: string }[];
  };
  /** The moment the summary describes (ISO-8601). */
  generatedAt: string;
  risk: {
    level: RiskLevel;
    /** The level `trendDays` before the summary's moment, as known then. */
    previousLevel: RiskLevel;
    trendDays: number;
    trend: TrendDirection;
    /** Live signals per category that occurred in the last 30, 90 and 365 days. */
    counts: { d30: CategoryCounts; d90: CategoryCounts; d365: CategoryCounts };
    aangifte: { filed: number; eligible: number; rate: number | null };
    lastSignalAt: string | null;
  };
  /** Open escalations and those closed in the last 90 days, newest first. */
  escalations: MayorEscalationLine[];
}

/** Why the burgemeester receives a summary by e-mail. */
export type MayorSummaryOccasion =
  | { kind: 'ESCALATION'; escalationId: string; ruleId: string }
  | { kind: 'DIGEST'; /** ISO week, e.g. "2026-W48" */ week: string };

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}
