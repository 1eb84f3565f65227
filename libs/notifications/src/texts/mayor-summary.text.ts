// The burgemeester's summary in plain Dutch: one description that the e-mail and the PDF both
// render, so the two never say different things. It is written only from the summary's facts,
// which hold no subjects, no descriptions, no notes and nothing of TLP:RED beyond counts.
import {
  CATEGORIES,
  CATEGORY_LABELS_NL,
  type CategoryCounts,
  countNl,
  formatDateNl,
  RISK_LEVEL_LABELS_NL,
} from '@weerbaar/domain';
import { ruleNameNl } from '@weerbaar/escalation-rules';
import type { MayorEscalationLine, MayorSummary } from '../messages/message.types';
import { aangifteRateNl, OUTCOME_LABELS_NL, STATUS_LABELS_NL, TREND_LABELS_NL } from './labels';

export interface SummaryText {
  title: string;
  sections: { heading: string; lines: string[] }[];
}

export const LEFT_OUT_NOTICE =
  'Deze samenvatting bevat geen namen van betrokkenen, geen omschrijvingen van meldingen en geen details van vertrouwelijke (TLP:RED) meldingen.';

const MELDING = ['melding', 'meldingen'] as const;

/** "3 meldingen van bedreiging en 1 melding van omkoping", or "geen meldingen". */
export function countsNl(counts: CategoryCounts): string {
  const parts = CATEGORIES.filter((c) => counts[c] > 0).map(
    (c) => `${countNl(counts[c], ...MELDING)} van ${CATEGORY_LABELS_NL[c].singular}`,
  );
  if (parts.length === 0) return 'geen meldingen';
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} en ${parts.at(-1)}`;
}

/** "Reeks bedreigingen sinds 3 mei 2026 — open — 3 meldingen van bedreiging". */
export function escalationLineNl(line: MayorEscalationLine): string {
  const status =
    line.status === 'CLOSED' && line.closedAt !== null
      ? `afgesloten op ${formatDateNl(new Date(line.closedAt))}${line.outcome ? ` als ${OUTCOME_LABELS_NL[line.outcome]}` : ''}`
      : STATUS_LABELS_NL[line.status];
  return `${ruleNameNl(line.ruleId)} sinds ${formatDateNl(new Date(line.raisedAt))} — ${status} — ${countsNl(line.signalCounts)}`;
}

export function describeMayorSummary(summary: MayorSummary): SummaryText {
  const { risk, riec } = summary;
  const level = RISK_LEVEL_LABELS_NL[risk.level];
  const open = summary.escalations.filter((e) => e.status !== 'CLOSED');
  const closed = summary.escalations.filter((e) => e.status === 'CLOSED');
  return {
    title: `Weerbaarheid ${summary.municipality.name}: samenvatting voor de burgemeester`,
    sections: [
      {
        heading: 'Risicobeeld',
        lines: [
          `Het risiconiveau is ${level} en ${TREND_LABELS_NL[risk.trend]} (90 dagen geleden: ${RISK_LEVEL_LABELS_NL[risk.previousLevel]}).`,
          risk.lastSignalAt === null
            ? 'Er zijn geen meldingen die meetellen.'
            : `De laatste melding is van ${formatDateNl(new Date(risk.lastSignalAt))}.`,
          `Laatste 30 dagen: ${countsNl(risk.counts.d30)}.`,
          `Laatste 90 dagen: ${countsNl(risk.counts.d90)}.`,
          `Laatste 365 dagen: ${countsNl(risk.counts.d365)}.`,
          `Aangifte gedaan: ${aangifteRateNl(risk.aangifte)}.`,
        ],
      },
      {
        heading: 'Escalaties',
        lines: [
          ...(open.length === 0 ? ['Er zijn geen open escalaties.'] : open.map(escalationLineNl)),
          ...closed.map(escalationLineNl),
        ],
      },
      {
        heading: `Contact met het RIEC ${riec.name}`,
        lines:
          riec.contacts.length === 0
            ? [
                `Voor dit RIEC zijn nog geen contactpersonen vastgelegd; neem contact op met het RIEC ${riec.name} via de gebruikelijke weg.`,
              ]
            : riec.contacts.map(
                (c) => `${c.name}, ${c.email}${c.phone === undefined ? '' : `, ${c.phone}`}`,
              ),
      },
      {
        heading: 'Over deze samenvatting',
        lines: [`Opgesteld op ${formatDateNl(new Date(summary.generatedAt))}.`, LEFT_OUT_NOTICE],
      },
    ],
  };
}
