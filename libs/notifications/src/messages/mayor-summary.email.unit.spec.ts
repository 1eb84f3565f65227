// The burgemeester's e-mail: the subject for each occasion, a first line saying why it came and
// that the PDF is attached, the description as text and as escaped, semantic HTML.
import { mayorSummary } from '../../../testing/src/builders/message.builders';
import { mayorSummaryEmail, weekNumberNl } from './mayor-summary.email';
import { describeMayorSummary, LEFT_OUT_LINE } from './mayor-summary.text';

const escalation = {
  kind: 'ESCALATION',
  escalationId: '0f9a3c1e-7d2b-4c55-9a40-1d2e3f405162',
  ruleId: 'threat-cluster',
} as const;
const digest = { kind: 'DIGEST', week: '2026-W48' } as const;

describe('mayorSummaryEmail', () => {
  it('names the new escalation in the subject and says why the e-mail came', () => {
    const email = mayorSummaryEmail(mayorSummary(), escalation);
    expect(email.subject).toBe('Weerbaar: nieuwe escalatie voor Utrecht — Reeks bedreigingen');
    expect(email.text.split('\n')[0]).toBe(
      'U ontvangt deze e-mail omdat Weerbaar een nieuwe escalatie voor de gemeente Utrecht heeft vastgesteld: Reeks bedreigingen. Dezelfde samenvatting zit als PDF in de bijlage.',
    );
  });

  it('gives the week of the digest in the subject and the first line', () => {
    const email = mayorSummaryEmail(mayorSummary(), digest);
    expect(email.subject).toBe('Weerbaar: weekoverzicht Utrecht (week 48)');
    expect(email.text.split('\n')[0]).toBe(
      'U ontvangt deze e-mail als het wekelijkse overzicht van de gemeente Utrecht (week 48). Dezelfde samenvatting zit als PDF in de bijlage.',
    );
  });

  it('numbers weeks as Dutch writes them', () => {
    expect(weekNumberNl('2027-W01')).toBe('1');
    expect(weekNumberNl('2026-W53')).toBe('53');
    expect(weekNumberNl('week 7')).toBe('week 7');
  });

  it('writes the description as plain text: headings, then the lines as a list', () => {
    const email = mayorSummaryEmail(mayorSummary(), digest);
    expect(email.text).toContain(
      'Weerbaarheid Utrecht: samenvatting voor de burgemeester\nStand van 24 november 2026 om 11:00 uur\n\nRisicobeeld\n- Het risiconiveau is hoog en stijgend (90 dagen geleden: verhoogd).\n',
    );
    for (const section of describeMayorSummary(mayorSummary()).sections) {
      expect(email.text).toContain(
        [section.heading, ...section.lines.map((l) => `- ${l}`)].join('\n'),
      );
    }
    expect(email.text.trimEnd().endsWith(`- ${LEFT_OUT_LINE}`)).toBe(true);
  });

  it('writes the same description as HTML in Dutch with headings and lists', () => {
    const { html } = mayorSummaryEmail(mayorSummary(), digest);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="nl">/);
    expect(html).toContain(
      '<title>Weerbaarheid Utrecht: samenvatting voor de burgemeester</title>',
    );
    expect(html).toContain('<h1>Weerbaarheid Utrecht: samenvatting voor de burgemeester</h1>');
    expect(html).toContain(
      '<h2>Escalaties</h2>\n<ul>\n<li>Reeks bedreigingen sinds 23 november 2026 — open — 3 meldingen van bedreiging</li>\n</ul>',
    );
    expect(html.match(/<h2>/g)).toHaveLength(describeMayorSummary(mayorSummary()).sections.length);
  });

  it('escapes the municipality and the contacts in the HTML', () => {
    const summary = mayorSummary({
      municipality: { code: 'GM0000', name: '<script>alert(1)</script> & Co' },
      riec: {
        id: 'r',
        name: 'Zuid "West"',
        contacts: [{ name: 'Ann <img src=x onerror=alert(1)>', email: "o'brien@riec.example" }],
      },
    });
    const { html, text, subject } = mayorSummaryEmail(summary, escalation);
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(html).toContain('<h2>Contact met het RIEC Zuid &quot;West&quot;</h2>');
    expect(html).toContain(
      '<li>Ann &lt;img src=x onerror=alert(1)&gt;, e-mail o&#39;brien@riec.example</li>',
    );
    // Plain text and subject are not HTML: they say the name as it is.
    expect(text).toContain('Weerbaarheid <script>alert(1)</script> & Co: samenvatting');
    expect(subject).toBe(
      'Weerbaar: nieuwe escalatie voor <script>alert(1)</script> & Co — Reeks bedreigingen',
    );
  });

  it('keeps the subject on one line whatever the name holds', () => {
    const summary = mayorSummary({ municipality: { code: 'GM0000', name: 'Den\r\nBcc: x@y' } });
    expect(mayorSummaryEmail(summary, digest).subject).toBe(
      'Weerbaar: weekoverzicht Den Bcc: x@y (week 48)',
    );
  });
});
