// The shapes the rule engine works with: its input (events of the global log), the reference data
// and configuration it asks, what it remembers between events, and its output (commands for the
// Escalation aggregate).
import type {
  Category,
  Classification,
  EscalationEvent,
  RaiseEscalation,
  RiskConfig,
  RiskLevel,
  Severity,
  SignalEvent,
  Subcategory,
  TargetRole,
  UpdateEscalation,
} from '@weerbaar/domain';
import type { RuleSetEvent } from './rule-set.catalogue';
import type { RuleSnoozed } from './snooze';

/** An event of the global log as the engine sees it; `recordedAt` is the rule's clock. */
export type RuleEngineEvent = (SignalEvent | EscalationEvent | RuleSetEvent | RuleSnoozed) & {
  eventId: string;
  recordedAt: Date;
};

/** The event types the engine reacts to; it skips every other type of the log. */
export const RULE_ENGINE_EVENT_TYPES: ReadonlySet<string> = new Set([
  'SignalRecorded',
  'SignalAmended',
  'SignalRetracted',
  'EscalationClosed',
  'RuleSetPublished',
  'RuleSnoozed',
]);

/** The reference data the rules need: names for explanations, regions for routing. */
export interface MunicipalityDirectory {
  municipalityName(code: string): string | undefined;
  riecRegionOf(code: string): string | undefined;
}

export interface RuleEngineContext {
  places: MunicipalityDirectory;
  /** The risk picture's weights, half-life and levels: rising-risk uses the same score. */
  risk: Pick<RiskConfig, 'categoryWeights' | 'halfLifeDays' | 'levelThresholds'>;
  /** Municipal election days (YYYY-MM-DD), for election-infiltration. */
  electionDays: readonly string[];
}

/** The engine's decisions: commands for the Escalation aggregate, with the rule's clock as now. */
export type EscalationDecision = RaiseEscalation | UpdateEscalation;

export const RULE_ENGINE_ACTOR = 'system:rule-engine';

/** What the rules know of a live signal: its facts that matter to rules, no personal data. */
export interface TrackedSignal {
  signalId: string;
  municipality: string;
  category: Category;
  subcategory: Subcategory;
  targetRole: TargetRole;
  severity: Severity;
  /** Epoch milliseconds. */
  occurredAt: number;
  classification: Classification;
  fingerprints: readonly string[];
}

/**
 * An open escalation as the engine remembers it: the slot of its rule and scope (municipality,
 * signal or region and subject) stays taken until the case is closed.
 */
export interface OpenEscalation {
  slotKey: string;
  ruleId: string;
  escalationId: string;
  municipality: string;
  riecRegion: string;
  fingerprint: string | null;
  contributingSignalIds: readonly string[];
}

/** A rule snoozed by an analyst for a municipality or a subject within a region. */
export interface ActiveSnooze {
  snoozeId: string;
  ruleId: string;
  riecRegion: string;
  municipality: string | null;
  fingerprint: string | null;
  /** Epoch milliseconds: the snooze holds while the rule's clock is before it. */
  until: number;
}

/** What happened to one signal in one event, for the rules to judge. */
export interface SignalChange {
  /** Undefined when the signal was recorded by this event. */
  before: TrackedSignal | undefined;
  /** Undefined when the signal was retracted by this event. */
  after: TrackedSignal | undefined;
  eventId: string;
  /** The rule's clock. */
  recordedAt: Date;
  /** The municipality's risk level at the clock, before and after this event. */
  level: { before: RiskLevel; after: RiskLevel; score: number };
}
