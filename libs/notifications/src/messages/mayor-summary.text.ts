// The burgemeester's summary in plain Dutch: the one description that the e-mail and the PDF both
// render, so that the two never say different things. It is written from the summary's facts
// alone, which hold no subjects, no descriptions, no notes and nothing of TLP:RED beyond counts.
import {
  CATEGORIES,
  CATEGORY_LABELS_NL,
  countNl,
  formatDateNl,
  RISK_WINDOWS,
  type RiskWindow,
} from '@weerbaar/domain';
import {
  aangifteRateNl,
  ESCALATION_OUTCOME_LABELS_NL,
  ESCALATION_STATUS_LABELS_NL,
  formatMomentNl,
  riskLevelNl,
  ruleLabelNl,
  TREND_LABELS_NL,
} from './labels';
import type { CategoryCounts, MayorEscalationLine, MayorSummary } from './message.types';

export interface SummarySection {
  heading: string;
  lines: string[];
}

export interface MayorSummaryDescription {
  title: string;
  sections: SummarySection[];
}

/** What the summary deliberately leaves out, said in every rendering of it. */
export const LEFT_OUT_LINE =
  'Deze samenvatting bevat geen namen van betrokkenen, geen omschrijvingen van meldingen en geen details van vertrouwelijke (TLP:RED) meldingen.';

const WINDOWS: readonly RiskWindow[] = ['d30', 'd90', 'd365'];

const day = (iso: string): string => formatDateNl(new Date(iso));

/** "a", "a en b", "a, b en c". */
export function listNl(parts: readonly string[]): string {
  return parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} en ${parts[parts.length - 1]}`;
}

/**
 * "3 meldingen van bedreiging en 1 melding van omkoping", leaving out the categories without
 * signals, or "geen meldingen".
 */
export function categoryCountsNl(counts: CategoryCounts): string {
  const parts = CATEGORIES.filter((category) => counts[category] > 0).map(
    (category) =>
      `${countNl(counts[category], 'melding', 'meldingen')} van ${CATEGORY_LABELS_NL[category].singular}`,
  );
  return parts.length === 0 ? 'geen meldingen' : listNl(parts);
}

/** "Het risiconiveau is hoog en stijgend (90 dagen geleden: verhoogd)." */
export function riskLevelLineNl(risk: MayorSummary['risk']): string {
  return (
    `Het risiconiveau is ${riskLevelNl(risk.level)} en ${TREND_LABELS_NL[risk.trend]} ` +
    `(${risk.trendDays} dagen geleden: ${riskLevelNl(risk.previousLevel)}).`
  );
}

function lastSignalLineNl(lastSignalAt: string | null): string {
  return lastSignalAt === null
    ? 'Er zijn geen meldingen bekend.'
    : `De laatste gemelde gebeurtenis was op ${day(lastSignalAt)}.`;
}

function aangifteLineNl(aangifte: MayorSummary['risk']['aangifte']): string {
  return aangifte.eligible === 0
    ? `Aangifte bij de politie: er zijn ${aangifteRateNl(aangifte)}.`
    : `Aangifte bij de politie is gedaan bij ${aangifteRateNl(aangifte)}.`;
}

function windowLineNl(window: RiskWindow, counts: CategoryCounts): string {
  return `In de afgelopen ${RISK_WINDOWS[window]} dagen: ${categoryCountsNl(counts)}.`;
}

/**
 * "Reeks bedreigingen sinds 23 november 2026 — open — 3 meldingen van bedreiging". A closed
 * case says when it was closed and how instead of its status (and "van" rather than "sinds",
 * which would say it is still going on).
 */
export function escalationLineNl(escalation: MayorEscalationLine): string {
  const name = ruleLabelNl(escalation.ruleId).name;
  const raised = day(escalation.raisedAt);
  const head =
    escalation.status === 'CLOSED'
      ? `${name} van ${raised} — ${closedNl(escalation)}`
      : `${name} sinds ${raised} — ${ESCALATION_STATUS_LABELS_NL[escalation.status]}`;
  // Counts are the signals the burgemeester may count; when none are left, no count is shown.
  const counts = CATEGORIES.some((category) => escalation.signalCounts[category] > 0)
    ? ` — ${categoryCountsNl(escalation.signalCounts)}`
    : '';
  return head + counts;
}

function closedNl(escalation: MayorEscalationLine): string {
  const on = escalation.closedAt === null ? '' : ` op ${day(escalation.closedAt)}`;
  const as =
    escalation.outcome === null ? '' : ` als ${ESCALATION_OUTCOME_LABELS_NL[escalation.outcome]}`;
  return `${ESCALATION_STATUS_LABELS_NL.CLOSED}${on}${as}`;
}

function escalationLinesNl(escalations: readonly MayorEscalationLine[]): string[] {
  // Open and acknowledged cases first, whatever order they came in; within each group the
  // given order (newest first) stays.
  const open = escalations.filter((e) => e.status !== 'CLOSED');
  const closed = escalations.filter((e) => e.status === 'CLOSED');
  return [
    ...(open.length === 0 ? ['Er zijn geen open escalaties.'] : open.map(escalationLineNl)),
    ...closed.map(escalationLineNl),
  ];
}

function contactLinesNl(riec: MayorSummary['riec']): string[] {
  if (riec.contacts.length === 0) {
    return [
      'Er zijn geen contactpersonen van het RIEC ingesteld.',
      `Neem contact op met het RIEC ${riec.name} via de gebruikelijke weg.`,
    ];
  }
  return riec.contacts.map(
    (contact) =>
      `${contact.name}, e-mail ${contact.email}` +
      (contact.phone ? `, telefoon ${contact.phone}` : ''),
  );
}

/** "Stand van 24 november 2026 om 11:00 uur": the moment the summary describes. */
export function summaryMomentNl(summary: MayorSummary): string {
  return `Stand van ${formatMomentNl(new Date(summary.generatedAt))}`;
}

/** The summary as a title and sections of lines, for every rendering (e-mail, PDF). */
export function describeMayorSummary(summary: MayorSummary): MayorSummaryDescription {
  const { risk, riec } = summary;
  return {
    title: `Weerbaarheid ${summary.municipality.name}: samenvatting voor de burgemeester`,
    sections: [
      {
        heading: 'Risicobeeld',
        lines: [
          riskLevelLineNl(risk),
          lastSignalLineNl(risk.lastSignalAt),
          aangifteLineNl(risk.aangifte),
        ],
      },
      {
        heading: 'Meldingen',
        lines: WINDOWS.map((window) => windowLineNl(window, risk.counts[window])),
      },
      { heading: 'Escalaties', lines: escalationLinesNl(summary.escalations) },
      { heading: `Contact met het RIEC ${riec.name}`, lines: contactLinesNl(riec) },
      { heading: 'Over deze samenvatting', lines: [LEFT_OUT_LINE] },
    ],
  };
}
