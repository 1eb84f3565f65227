// The e-mail that brings the burgemeester their summary, for a new escalation or as the weekly
// digest: the same description as the attached PDF, as plain text and as simple semantic HTML.
import { escapeHtml, htmlDocument, subjectLine } from './html';
import { ruleLabelNl } from './labels';
import type { EmailContent, MayorSummary, MayorSummaryOccasion } from './message.types';
import {
  describeMayorSummary,
  type MayorSummaryDescription,
  summaryMomentNl,
} from './mayor-summary.text';

/** "48" for "2026-W48", "1" for "2027-W01"; a week in another form is shown as it is. */
export function weekNumberNl(isoWeek: string): string {
  const match = /^\d{4}-W(\d{2})$/.exec(isoWeek);
  return match ? String(Number(match[1])) : isoWeek;
}

function subjectOf(municipality: string, occasion: MayorSummaryOccasion): string {
  switch (occasion.kind) {
    case 'ESCALATION':
      return `Weerbaar: nieuwe escalatie voor ${municipality} — ${ruleLabelNl(occasion.ruleId).name}`;
    case 'DIGEST':
      return `Weerbaar: weekoverzicht ${municipality} (week ${weekNumberNl(occasion.week)})`;
  }
}

/** The first line: why this e-mail came, and that the PDF is attached. */
function reasonOf(municipality: string, occasion: MayorSummaryOccasion): string {
  const attached = 'Dezelfde samenvatting zit als PDF in de bijlage.';
  switch (occasion.kind) {
    case 'ESCALATION':
      return (
        `U ontvangt deze e-mail omdat Weerbaar een nieuwe escalatie voor de gemeente ` +
        `${municipality} heeft vastgesteld: ${ruleLabelNl(occasion.ruleId).name}. ${attached}`
      );
    case 'DIGEST':
      return (
        `U ontvangt deze e-mail als het wekelijkse overzicht van de gemeente ${municipality} ` +
        `(week ${weekNumberNl(occasion.week)}). ${attached}`
      );
  }
}

function plainText(reason: string, moment: string, description: MayorSummaryDescription): string {
  const sections = description.sections.map((section) =>
    [section.heading, ...section.lines.map((line) => `- ${line}`)].join('\n'),
  );
  return [reason, [description.title, moment].join('\n'), ...sections].join('\n\n') + '\n';
}

function html(reason: string, moment: string, description: MayorSummaryDescription): string {
  return htmlDocument(description.title, [
    `<p>${escapeHtml(reason)}</p>`,
    `<h1>${escapeHtml(description.title)}</h1>`,
    `<p>${escapeHtml(moment)}</p>`,
    ...description.sections.flatMap((section) => [
      `<h2>${escapeHtml(section.heading)}</h2>`,
      '<ul>',
      ...section.lines.map((line) => `<li>${escapeHtml(line)}</li>`),
      '</ul>',
    ]),
  ]);
}

/** The burgemeester's e-mail: subject, plain text and HTML of their summary. */
export function mayorSummaryEmail(
  summary: MayorSummary,
  occasion: MayorSummaryOccasion,
): EmailContent {
  const municipality = summary.municipality.name;
  const reason = reasonOf(municipality, occasion);
  const moment = summaryMomentNl(summary);
  const description = describeMayorSummary(summary);
  return {
    subject: subjectLine(subjectOf(municipality, occasion)),
    text: plainText(reason, moment, description),
    html: html(reason, moment, description),
  };
}
