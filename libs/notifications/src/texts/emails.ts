// The e-mails: the burgemeester's summary (with the PDF attached by the sender) and the RIEC's
// notice of an escalation, each as plain text and as simple, accessible HTML in which every
// value is escaped. Details stay in Weerbaar: the RIEC's e-mail links to the case.
import { formatDateNl, SEVERITY_LABELS_NL } from '@weerbaar/domain';
import { ruleNameNl } from '@weerbaar/escalation-rules';
import type {
  EmailContent,
  EscalationNotice,
  MayorSummary,
  MayorSummaryOccasion,
} from '../messages/message.types';
import { describeMayorSummary, type SummaryText } from './mayor-summary.text';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function mayorSummaryEmail(
  summary: MayorSummary,
  occasion: MayorSummaryOccasion,
): EmailContent {
  const name = summary.municipality.name;
  const [subject, why] =
    occasion.kind === 'ESCALATION'
      ? [
          `Weerbaar: nieuwe escalatie voor ${name} — ${ruleNameNl(occasion.ruleId)}`,
          `Het RIEC heeft een nieuwe escalatie voor ${name} ontvangen (${ruleNameNl(occasion.ruleId)}).`,
        ]
      : [
          `Weerbaar: weekoverzicht ${name} (week ${Number(occasion.week.slice(-2))})`,
          `Dit is het wekelijkse overzicht voor ${name}.`,
        ];
  const intro = `${why} Hieronder staat de actuele samenvatting; dezelfde samenvatting zit als PDF in de bijlage.`;
  return { subject, ...render(describeMayorSummary(summary), intro) };
}

export function riecEscalationEmail(notice: EscalationNotice): EmailContent {
  const rule = ruleNameNl(notice.ruleId);
  const place = `${notice.municipality.name} (${notice.municipality.code})`;
  const subject =
    notice.kind === 'RAISED'
      ? `Weerbaar: escalatie ${rule} in ${notice.municipality.name}`
      : `Weerbaar: escalatie bijgewerkt — ${rule} in ${notice.municipality.name}`;
  const text: SummaryText = {
    title: subject.replace(/^Weerbaar: /, ''),
    sections: [
      {
        heading: 'De escalatie',
        lines: [
          `Regel: ${rule} (${notice.ruleId}, regelset versie ${notice.ruleVersion})`,
          `Gemeente: ${place}`,
          `Ernst: ${SEVERITY_LABELS_NL[notice.severity]}`,
          `Sinds: ${formatDateNl(new Date(notice.raisedAt))}`,
          `Bijdragende meldingen: ${notice.contributingSignalCount}`,
          notice.explanation,
        ],
      },
      {
        heading: 'Verder',
        lines: [
          `Open de casus in Weerbaar: ${notice.caseUrl}`,
          'Details van meldingen en betrokkenen staan alleen in Weerbaar, nooit in e-mail.',
        ],
      },
    ],
  };
  const intro = `Voor het RIEC ${notice.riecRegion.name}.`;
  return { subject, ...render(text, intro) };
}

function render(text: SummaryText, intro: string): { text: string; html: string } {
  const plain = [
    text.title,
    '',
    intro,
    ...text.sections.flatMap((s) => ['', s.heading, ...s.lines.map((line) => `- ${line}`)]),
    '',
  ].join('\n');
  const html = [
    '<!doctype html>',
    '<html lang="nl"><head><meta charset="utf-8">',
    `<title>${escapeHtml(text.title)}</title></head><body>`,
    `<h1>${escapeHtml(text.title)}</h1>`,
    `<p>${escapeHtml(intro)}</p>`,
    ...text.sections.map(
      (s) =>
        `<h2>${escapeHtml(s.heading)}</h2><ul>${s.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
    ),
    '</body></html>',
  ].join('\n');
  return { text: plain, html };
}
