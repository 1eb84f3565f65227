// The shapes the rule engine works with: its input (events of the global log), its state, the
// reference data it asks, and its output (commands for the Escalation aggregate).
import type {
  Category,
  Classification,
  EscalationEvent,
  RaiseEscalation,
  Severity,
  SignalEvent,
  Subcategory,
  UpdateEscalation,
} from '@weerbaar/domain';
import type { PersistentMap } from './persistent-map';
import type { RuleSet } from './rule-set';

/** An event of the global log as the engine sees it; `recordedAt` is the rule's clock. */
export type RuleEngineEvent = (SignalEvent | EscalationEvent) & {
  eventId: string;
  recordedAt: Date;
};

/** The reference data the rules need: names for explanations, regions for routing. */
export interface MunicipalityDirectory {
  municipalityName(code: string): string | undefined;
  riecRegionOf(code: string): string | undefined;
}

export interface RuleEngineContext {
  ruleSet: RuleSet;
  places: MunicipalityDirectory;
}

/** The engine's decisions: commands for the Escalation aggregate, with the rule's clock as now. */
export type EscalationDecision = RaiseEscalation | UpdateEscalation;

export const RULE_ENGINE_ACTOR = 'system:rule-engine';

/** What the rules know of a signal: its facts that matter to rules, no personal data. */
export interface TrackedSignal {
  signalId: string;
  municipality: string;
  category: Category;
  subcategory: Subcategory;
  severity: Severity;
  occurredAt: string;
  classification: Classification;
  live: boolean;
}

export interface TrackedEscalation {
  escalationId: string;
  ruleId: string;
  municipality: string;
  status: 'OPEN' | 'ACKNOWLEDGED';
  contributingSignalIds: readonly string[];
  /**
   * Whether its EscalationRaised has come by in the log. Until then the engine knows it only
   * from its own decision, and must count it as open all the same.
   */
  seenInLog: boolean;
}

export interface RuleEngineState {
  /** Events already applied: a second delivery of one changes nothing. */
  readonly processedEventIds: PersistentMap<true>;
  readonly signals: PersistentMap<TrackedSignal>;
  /** Per municipality, the ids of its signals that were THREAT at some point (an index for the cluster rule). */
  readonly threatSignalsByMunicipality: PersistentMap<readonly string[]>;
  readonly escalations: PersistentMap<TrackedEscalation>;
  /** Per `ruleId|municipality`: the escalation that is open for that rule and municipality. */
  readonly openEscalationByRuleAndMunicipality: PersistentMap<string>;
  /** Per signal: the critical-signal escalation raised for it. */
  readonly escalationBySignal: PersistentMap<string>;
}

/** What happened to one signal in one event, for the rules to judge. */
export interface SignalChange {
  before: TrackedSignal | undefined;
  after: TrackedSignal;
  kind: 'RECORDED' | 'AMENDED' | 'RETRACTED';
  eventId: string;
  /** The rule's clock. */
  recordedAt: Date;
}

export interface RuleOutcome {
  state: RuleEngineState;
  decisions: EscalationDecision[];
}
