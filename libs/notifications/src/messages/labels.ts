// Dutch words for what the messages say about escalations and risk: rule names, trends, case
// statuses, outcomes, severities, the aangifte rate and moments in Dutch time.
import type {
  EscalationOutcome,
  EscalationSeverity,
  RiskLevel,
  TrendDirection,
} from '@weerbaar/domain';
import { formatDateNl, RISK_LEVEL_LABELS_NL } from '@weerbaar/domain';
import { RULE_LABELS_NL } from '@weerbaar/escalation-rules';
import type { MayorEscalationLine } from './message.types';

export interface RuleLabelNl {
  /** What a burgemeester calls the pattern, e.g. "Reeks bedreigingen". */
  name: string;
  /** What the rule watches for, as the end of a sentence, e.g. "drie of meer meldingen …". */
  description: string;
}

/**
 * The rule's Dutch name and description. The wording lives with the rules themselves
 * (`RULE_LABELS_NL`), so that a renamed rule is renamed everywhere; an id this release does not
 * know (a rule of a newer release, read from the log) gets a neutral label that still names it.
 */
export function ruleLabelNl(ruleId: string): RuleLabelNl {
  // Own properties only: an id such as "constructor" must not find Object.prototype's members.
  if (Object.hasOwn(RULE_LABELS_NL, ruleId)) {
    return (RULE_LABELS_NL as Record<string, RuleLabelNl>)[ruleId];
  }
  return {
    name: `Regel ${ruleId}`,
    description: 'een patroon in de meldingen waarvoor het RIEC aandacht vraagt',
  };
}

/** "hoog": a risk level as a burgemeester reads it (the domain keeps these words). */
export const riskLevelNl = (level: RiskLevel): string => RISK_LEVEL_LABELS_NL[level];

// STABLE is "gelijkblijvend" rather than "gelijk": the word follows "het risiconiveau is hoog en",
// where only the adjective is Dutch.
export const TREND_LABELS_NL: Record<TrendDirection, string> = {
  RISING: 'stijgend',
  STABLE: 'gelijkblijvend',
  FALLING: 'dalend',
};

export const ESCALATION_STATUS_LABELS_NL: Record<MayorEscalationLine['status'], string> = {
  OPEN: 'open',
  ACKNOWLEDGED: 'in behandeling',
  CLOSED: 'afgesloten',
};

export const ESCALATION_OUTCOME_LABELS_NL: Record<EscalationOutcome, string> = {
  RISK_CONFIRMED: 'risico bevestigd',
  VALUABLE: 'waardevol',
  FALSE_POSITIVE: 'vals alarm',
  MERGED: 'samengevoegd',
};

export const ESCALATION_SEVERITY_LABELS_NL: Record<EscalationSeverity, string> = {
  MEDIUM: 'gemiddeld',
  HIGH: 'hoog',
  CRITICAL: 'kritiek',
};

/**
 * "67%": a fraction as a whole percentage. A part that is neither nothing nor everything never
 * rounds to 0% or 100%, which would tell the reader the opposite of what happened.
 */
export function percentageNl(part: number, whole: number): string {
  const rounded = Math.round((part / whole) * 100);
  const percentage = part > 0 && part < whole ? Math.min(Math.max(rounded, 1), 99) : rounded;
  return `${percentage}%`;
}

/**
 * "2 van de 3 meldingen van bedreiging en omkoping (67%)": for how many of the signals that can
 * be reported to the police (threats and bribery) a report was filed. Written from the counts,
 * which the rate is derived from.
 */
export function aangifteRateNl(aangifte: { filed: number; eligible: number }): string {
  const { filed, eligible } = aangifte;
  if (eligible === 0) return 'geen meldingen van bedreiging of omkoping';
  const percentage = percentageNl(filed, eligible);
  return eligible === 1
    ? `${filed} van 1 melding van bedreiging of omkoping (${percentage})`
    : `${filed} van de ${eligible} meldingen van bedreiging en omkoping (${percentage})`;
}

// Our own rendering of the clock, like formatDateNl's month names: no ICU wording can change.
const DUTCH_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  hour: '2-digit',
  minute: '2-digit',
});

/** "24 november 2026 om 11:00 uur": a moment in Dutch time. */
export function formatMomentNl(instant: Date): string {
  const parts = DUTCH_CLOCK.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${formatDateNl(instant)} om ${part('hour')}:${part('minute')} uur`;
}
