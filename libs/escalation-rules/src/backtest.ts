// Back-testing a rule set (SPEC §5): the log replayed through a rule set in memory, reporting
// what it would have escalated between two moments — with no side effect at all. Without a rule
// set the replay follows the live rule sets as they were published, and then yields exactly
// what the live engine raised.
import { InputReader, parseIsoDateTime } from '@weerbaar/domain';
import { applyEvent } from './rule-engine';
import type { RuleEngineContext, RuleEngineEvent } from './rule-engine.types';
import { readRules, type Rule, type RuleSet } from './rule-set';
import { RuleWorkingState } from './rule-state';

export interface BacktestEscalation {
  escalationId: string;
  ruleId: string;
  ruleVersion: number;
  municipality: string;
  riecRegion: string;
  severity: string;
  raisedAt: string;
  explanation: string;
  contributingSignalIds: string[];
  subjectFingerprint?: string;
}

export interface BacktestWindow {
  from: Date;
  to: Date;
  /** The rule set to judge with; absent: the live rule sets of the log. */
  ruleSet?: RuleSet;
}

/** Replays events fed in log order; `result()` gives the escalations raised in the window. */
export class Backtest {
  private readonly state = new RuleWorkingState();
  private readonly raised = new Map<string, BacktestEscalation>();

  constructor(
    private readonly context: RuleEngineContext,
    private readonly window: BacktestWindow,
  ) {}

  /** Whether events recorded at `recordedAt` can still matter (later ones come after `to`). */
  wants(recordedAt: Date): boolean {
    return recordedAt.getTime() <= this.window.to.getTime();
  }

  feed(events: Iterable<RuleEngineEvent>): void {
    const options = this.window.ruleSet ? { fixedRuleSet: this.window.ruleSet } : {};
    for (const event of events) {
      if (!this.wants(event.recordedAt)) continue;
      for (const decision of applyEvent(this.state, event, this.context, options)) {
        if (decision.type === 'RaiseEscalation') {
          const { data } = decision;
          if (event.recordedAt.getTime() < this.window.from.getTime()) continue;
          const escalation: BacktestEscalation = {
            escalationId: data.escalationId,
            ruleId: data.ruleId,
            ruleVersion: data.ruleVersion,
            municipality: data.municipality,
            riecRegion: data.riecRegion,
            severity: data.severity,
            raisedAt: data.raisedAt,
            explanation: data.explanation,
            contributingSignalIds: [...data.contributingSignalIds],
          };
          if (data.subjectFingerprint !== undefined) {
            escalation.subjectFingerprint = data.subjectFingerprint;
          }
          this.raised.set(data.escalationId, escalation);
        } else {
          const known = this.raised.get(decision.data.escalationId);
          known?.contributingSignalIds.push(
            ...decision.data.addedSignalIds.filter(
              (id) => !known.contributingSignalIds.includes(id),
            ),
          );
        }
      }
    }
  }

  /** The escalations raised in the window, in the order they were raised. */
  result(): BacktestEscalation[] {
    return [...this.raised.values()];
  }
}

export interface BacktestRequest {
  from: Date;
  to: Date;
  /** A rule set given in full, a stored version by number, or none (the live rule sets). */
  ruleSet: { rules: Rule[]; version?: number } | { version: number } | undefined;
}

/** The body of `POST /rules/backtest`: `{ruleSet?, from, to}`. */
export function parseBacktestRequest(input: unknown): BacktestRequest {
  const reader = new InputReader();
  const body = reader.root(input, ['ruleSet', 'from', 'to']);
  const moment = (key: 'from' | 'to'): Date | undefined => {
    const value = body[key];
    if (value === undefined || value === null) {
      reader.error(key, 'is required');
      return undefined;
    }
    const instant = typeof value === 'string' ? parseIsoDateTime(value) : undefined;
    if (instant === undefined || instant.getUTCFullYear() < 1970) {
      reader.error(key, 'must be an ISO-8601 date-time with a time zone, from 1970');
    }
    return instant;
  };
  const from = moment('from');
  const to = moment('to');
  if (from !== undefined && to !== undefined && from.getTime() > to.getTime()) {
    reader.error('from', 'must not be after to');
  }
  let ruleSet: BacktestRequest['ruleSet'];
  // Absent means the live rule sets; null is not a rule set (the document says an object).
  if (body.ruleSet !== undefined) {
    const source = reader.nested(body.ruleSet, 'ruleSet', ['version', 'rules']);
    if (source !== undefined) {
      const version =
        source.version === undefined
          ? undefined
          : reader.integer(source, 'version', 1, 1_000_000, 'ruleSet.version');
      if (source.rules === undefined) {
        if (version === undefined)
          reader.error('ruleSet', 'give rules, or the version of a rule set');
        else ruleSet = { version };
      } else {
        const rules = readRules(reader, source, 'rules', 'ruleSet.rules');
        if (rules !== undefined) ruleSet = version === undefined ? { rules } : { rules, version };
      }
    }
  }
  const v = reader.complete({ from, to });
  return { ...v, ruleSet };
}
