// The e-mail that tells the RIEC's contacts of a new or updated escalation: what fired where,
// how severe, and the link to the case. Details of the signals stay in Weerbaar: an e-mail is
// forwarded, archived and read on phones, so it carries only the escalation's summary.
import { countNl } from '@weerbaar/domain';
import { escapeHtml, htmlDocument, linkHtml, subjectLine } from './html';
import { ESCALATION_SEVERITY_LABELS_NL, formatMomentNl, ruleLabelNl } from './labels';
import type { EmailContent, EscalationNotice } from './message.types';

/** Said in every RIEC e-mail, so that nobody replies asking for the details by mail. */
export const DETAILS_ONLY_IN_WEERBAAR_LINE =
  'De details van de meldingen staan alleen in Weerbaar en worden nooit per e-mail verstuurd. Open de casus in Weerbaar om ze te bekijken.';

interface Field {
  label: string;
  value: string;
  /** Rendered as a link in HTML. */
  url?: boolean;
}

function subjectOf(notice: EscalationNotice, ruleName: string): string {
  const what = `${ruleName} in ${notice.municipality.name}`;
  return notice.kind === 'RAISED'
    ? `Weerbaar: escalatie ${what}`
    : `Weerbaar: escalatie bijgewerkt — ${what}`;
}

function introOf(notice: EscalationNotice, place: string): string {
  return notice.kind === 'RAISED'
    ? `Weerbaar heeft een nieuwe escalatie vastgesteld voor de gemeente ${place}.`
    : `Een escalatie voor de gemeente ${place} is bijgewerkt.`;
}

function fieldsOf(notice: EscalationNotice, ruleName: string, place: string): Field[] {
  return [
    { label: 'Regel', value: `${ruleName} (${notice.ruleId}, versie ${notice.ruleVersion})` },
    { label: 'Gemeente', value: place },
    { label: 'Ernst', value: ESCALATION_SEVERITY_LABELS_NL[notice.severity] },
    { label: 'Toelichting', value: notice.explanation },
    {
      label: 'Bijdragende meldingen',
      value: countNl(notice.contributingSignalCount, 'melding', 'meldingen'),
    },
    { label: 'Ontstaan op', value: formatMomentNl(new Date(notice.raisedAt)) },
    { label: 'Casus in Weerbaar', value: notice.caseUrl, url: true },
  ];
}

function plainText(intro: string, fields: readonly Field[]): string {
  const list = fields.map((field) => `${field.label}: ${field.value}`).join('\n');
  return [intro, list, DETAILS_ONLY_IN_WEERBAAR_LINE].join('\n\n') + '\n';
}

function html(title: string, intro: string, fields: readonly Field[]): string {
  return htmlDocument(title, [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(intro)}</p>`,
    '<dl>',
    ...fields.flatMap((field) => [
      `<dt>${escapeHtml(field.label)}</dt>`,
      `<dd>${field.url ? linkHtml(field.value) : escapeHtml(field.value)}</dd>`,
    ]),
    '</dl>',
    `<p>${escapeHtml(DETAILS_ONLY_IN_WEERBAAR_LINE)}</p>`,
  ]);
}

/** The RIEC's e-mail about an escalation: subject, plain text and HTML. */
export function riecEscalationEmail(notice: EscalationNotice): EmailContent {
  const ruleName = ruleLabelNl(notice.ruleId).name;
  const place = `${notice.municipality.name} (${notice.municipality.code})`;
  const subject = subjectLine(subjectOf(notice, ruleName));
  const intro = introOf(notice, place);
  const fields = fieldsOf(notice, ruleName, place);
  return {
    subject,
    text: plainText(intro, fields),
    html: html(subject.replace(/^Weerbaar: /, ''), intro, fields),
  };
}
