// Dutch words for the states a burgemeester reads about: trends, case statuses and dispositions,
// and the aangifte rate as a sentence. (Rule names live with the rules, risk levels with the
// domain's other labels.)
import type { EscalationOutcome, TrendDirection } from '@weerbaar/domain';
import type { MayorEscalationLine } from '../messages/message.types';

export const TREND_LABELS_NL: Record<TrendDirection, string> = {
  RISING: 'stijgend',
  STABLE: 'gelijkblijvend',
  FALLING: 'dalend',
};

export const STATUS_LABELS_NL: Record<MayorEscalationLine['status'], string> = {
  OPEN: 'open',
  ACKNOWLEDGED: 'in behandeling bij het RIEC',
  CLOSED: 'afgesloten',
};

export const OUTCOME_LABELS_NL: Record<EscalationOutcome, string> = {
  RISK_CONFIRMED: 'risico bevestigd',
  VALUABLE: 'waardevol',
  FALSE_POSITIVE: 'vals alarm',
  MERGED: 'samengevoegd met een andere escalatie',
};

/** "2 van de 3 meldingen van bedreiging en omkoping (67%)". */
export function aangifteRateNl(aangifte: { filed: number; eligible: number }): string {
  if (aangifte.eligible === 0) return 'geen meldingen van bedreiging of omkoping';
  const percentage = Math.round((aangifte.filed / aangifte.eligible) * 100);
  const noun = aangifte.eligible === 1 ? 'melding' : 'meldingen';
  return `${aangifte.filed} van de ${aangifte.eligible} ${noun} van bedreiging en omkoping (${percentage}%)`;
}
