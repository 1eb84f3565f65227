// Snoozing a rule (SPEC §5): an analyst silences one rule for one municipality, or for one subject
// fingerprint within their region, for at most 180 days, with a reason that stays in the log.
// Stream `snooze-<snoozeId>`; the rule engine reads the event from the log.
import {
  type CommandMetadata,
  ConflictError,
  DAY_MS,
  InputReader,
  MUNICIPALITY_CODE_PATTERN,
  parseIsoDateTime,
  SIGNAL_LIMITS,
} from '@weerbaar/domain';
import { RULE_IDS, type RuleId } from './rule-set';

export const MAX_SNOOZE_DAYS = 180;
const FINGERPRINT_PATTERN = /^[0-9a-f]{64}$/;
/** The rules whose escalations are about a subject, and can therefore be snoozed per subject. */
const SUBJECT_RULES: readonly RuleId[] = ['cross-municipality-subject'];

export const snoozeStreamId = (snoozeId: string): string => `snooze-${snoozeId}`;

export interface RuleSnoozed {
  type: 'RuleSnoozed';
  data: {
    snoozeId: string;
    ruleId: RuleId;
    riecRegion: string;
    municipality: string | null;
    fingerprint: string | null;
    until: string;
    reason: string;
    snoozedBy: string;
    snoozedAt: string;
  };
}

export interface SnoozeRequest {
  ruleId: RuleId;
  municipality: string | null;
  fingerprint: string | null;
  until: Date;
  reason: string;
}

/** The body of `POST /escalations/snoozes`; throws MalformedInputError or ValidationError. */
export function parseSnoozeRequest(input: unknown, now: Date): SnoozeRequest {
  const reader = new InputReader();
  const body = reader.root(input, ['ruleId', 'municipality', 'fingerprint', 'until', 'reason']);
  const ruleId = reader.oneOf(body, 'ruleId', RULE_IDS);
  const municipality = reader.isAbsent(body, 'municipality') ? null : body.municipality;
  const fingerprint = reader.isAbsent(body, 'fingerprint') ? null : body.fingerprint;
  if ((municipality === null) === (fingerprint === null)) {
    reader.error('municipality', 'give exactly one of municipality and fingerprint');
  } else if (municipality !== null) {
    if (typeof municipality !== 'string' || !MUNICIPALITY_CODE_PATTERN.test(municipality)) {
      reader.error('municipality', 'must be a CBS municipality code such as GM0363');
    }
  } else if (typeof fingerprint !== 'string' || !FINGERPRINT_PATTERN.test(fingerprint)) {
    reader.error('fingerprint', 'must be a subject fingerprint (64 hexadecimal characters)');
  } else if (ruleId !== undefined && !SUBJECT_RULES.includes(ruleId)) {
    reader.error('fingerprint', `only ${SUBJECT_RULES.join(', ')} can be snoozed for a subject`);
  }
  let until: Date | undefined;
  const untilText = body.until;
  if (untilText === undefined || untilText === null) reader.error('until', 'is required');
  else {
    until = typeof untilText === 'string' ? parseIsoDateTime(untilText) : undefined;
    if (until === undefined) {
      reader.error('until', 'must be an ISO-8601 date-time with a time zone');
    } else if (until.getTime() <= now.getTime()) {
      reader.error('until', 'must be in the future');
    } else if (until.getTime() > now.getTime() + MAX_SNOOZE_DAYS * DAY_MS) {
      reader.error('until', `must be at most ${MAX_SNOOZE_DAYS} days ahead`);
    }
  }
  const reason = reader.text(body, 'reason', {
    required: true,
    maxLength: SIGNAL_LIMITS.reasonMaxLength,
    trim: true,
  });
  const v = reader.complete({ ruleId, until, reason });
  return {
    ruleId: v.ruleId,
    municipality: municipality as string | null,
    fingerprint: fingerprint as string | null,
    until: v.until,
    reason: v.reason,
  };
}

export interface SnoozeRule {
  type: 'SnoozeRule';
  data: Omit<RuleSnoozed['data'], 'snoozedBy' | 'snoozedAt'>;
  metadata: CommandMetadata;
}

type SnoozeState = { snoozed: false } | { snoozed: true; data: RuleSnoozed['data'] };

export const snoozeDecider = {
  initialState: (): SnoozeState => ({ snoozed: false }),
  evolve: (_state: SnoozeState, event: RuleSnoozed): SnoozeState => ({
    snoozed: true,
    data: event.data,
  }),
  decide: (command: SnoozeRule, state: SnoozeState): RuleSnoozed[] => {
    if (state.snoozed) {
      throw new ConflictError('SNOOZE_EXISTS', `Snooze ${command.data.snoozeId} exists already`);
    }
    return [
      {
        type: 'RuleSnoozed',
        data: {
          ...command.data,
          snoozedBy: command.metadata.actor,
          snoozedAt: command.metadata.now.toISOString(),
        },
      },
    ];
  },
};
