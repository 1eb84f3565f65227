// The burgemeester's summary and the RIEC's e-mail in plain Dutch: wording at its edges, escaped
// HTML, and a PDF whose text is exactly the summary's description (nothing more can leak).
import { pdfText } from '../../../testing/src/pdf/pdf-text';
import type { EscalationNotice, MayorSummary } from '../messages/message.types';
import { escapeHtml, mayorSummaryEmail, riecEscalationEmail } from './emails';
import { aangifteRateNl } from './labels';
import { renderMayorSummaryPdf, winAnsi } from './mayor-summary.pdf';
import { countsNl, describeMayorSummary, LEFT_OUT_NOTICE } from './mayor-summary.text';
import { escalationWebhookPayload } from './webhook-payload';

const zero = { THREAT: 0, BRIBERY: 0, INFILTRATION: 0 };
const summary: MayorSummary = {
  municipality: { code: 'GM0363', name: 'Amsterdam' },
  riec: {
    id: 'amsterdam',
    name: 'Amsterdam-Amstelland',
    contacts: [{ name: 'Anna Analist', email: 'anna@riec.example', phone: '+31 20 123 4567' }],
  },
  generatedAt: '2026-11-24T10:00:00.000Z',
  risk: {
    level: 'HIGH',
    previousLevel: 'ELEVATED',
    trend: 'RISING',
    counts: {
      d30: { ...zero, THREAT: 3 },
      d90: { ...zero, THREAT: 3, BRIBERY: 1 },
      d365: { THREAT: 4, BRIBERY: 1, INFILTRATION: 1 },
    },
    aangifte: { filed: 2, eligible: 3, rate: 2 / 3 },
    lastSignalAt: '2026-11-23T09:00:00.000Z',
  },
  escalations: [
    {
      escalationId: 'e1',
      ruleId: 'threat-cluster',
      status: 'OPEN',
      raisedAt: '2026-11-23T09:00:00.000Z',
      closedAt: null,
      outcome: null,
      signalCounts: { ...zero, THREAT: 3 },
    },
    {
      escalationId: 'e2',
      ruleId: 'critical-signal',
      status: 'CLOSED',
      raisedAt: '2026-10-01T09:00:00.000Z',
      closedAt: '2026-10-03T09:00:00.000Z',
      outcome: 'FALSE_POSITIVE',
      signalCounts: { ...zero, BRIBERY: 1 },
    },
  ],
};

const notice: EscalationNotice = {
  escalationId: '00000000-0000-4000-8000-000000000001',
  revision: 0,
  kind: 'RAISED',
  ruleId: 'threat-cluster',
  ruleVersion: 1,
  municipality: { code: 'GM0363', name: 'Amsterdam' },
  riecRegion: { id: 'amsterdam', name: 'Amsterdam-Amstelland' },
  severity: 'HIGH',
  explanation: '3 meldingen van bedreiging in Amsterdam binnen 30 dagen.',
  contributingSignalCount: 3,
  raisedAt: '2026-11-23T09:00:00.000Z',
  caseUrl: 'http://localhost:3000/api/v1/escalations/00000000-0000-4000-8000-000000000001',
};

const words = (text: string) => text.replace(/\s+/g, ' ').trim();

describe("the burgemeester's summary", () => {
  it('says the risk, the escalations and whom to call, in Dutch', () => {
    const text = describeMayorSummary(summary);
    expect(text.title).toBe('Weerbaarheid Amsterdam: samenvatting voor de burgemeester');
    const lines = text.sections.flatMap((s) => s.lines);
    expect(lines).toEqual(
      expect.arrayContaining([
        'Het risiconiveau is hoog en stijgend (90 dagen geleden: verhoogd).',
        'Laatste 90 dagen: 3 meldingen van bedreiging en 1 melding van omkoping.',
        'Aangifte gedaan: 2 van de 3 meldingen van bedreiging en omkoping (67%).',
        'Reeks bedreigingen sinds 23 november 2026 — open — 3 meldingen van bedreiging',
        'Melding van de hoogste ernst sinds 1 oktober 2026 — afgesloten op 3 oktober 2026 als vals alarm — 1 melding van omkoping',
        'Anna Analist, anna@riec.example, +31 20 123 4567',
        LEFT_OUT_NOTICE,
      ]),
    );
  });

  it('says so when there is nothing: no escalations, no contacts, no rate', () => {
    const empty = describeMayorSummary({
      ...summary,
      riec: { ...summary.riec, contacts: [] },
      escalations: [],
      risk: {
        ...summary.risk,
        aangifte: { filed: 0, eligible: 0, rate: null },
        lastSignalAt: null,
      },
    });
    const lines = empty.sections.flatMap((s) => s.lines);
    expect(lines).toContain('Er zijn geen open escalaties.');
    expect(lines).toContain('Er zijn geen meldingen die meetellen.');
    expect(lines.join(' ')).toContain('nog geen contactpersonen');
    expect(aangifteRateNl({ filed: 0, eligible: 0 })).toBe(
      'geen meldingen van bedreiging of omkoping',
    );
    expect(countsNl(zero)).toBe('geen meldingen');
  });

  it('renders a PDF whose text is the description, the same bytes every time', async () => {
    const [pdf, again] = await Promise.all([
      renderMayorSummaryPdf(summary),
      renderMayorSummaryPdf(summary),
    ]);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.equals(again)).toBe(true);
    const text = words(await pdfText(pdf));
    const described = describeMayorSummary(summary);
    for (const line of [
      described.title,
      ...described.sections.flatMap((s) => [s.heading, ...s.lines]),
    ]) {
      expect(text).toContain(words(line));
    }
    expect(text).toContain('pagina 1 van 1');
  });

  it('shows what the standard fonts cannot as "?"', () => {
    expect(winAnsi('Zoë — ’s avonds € 中')).toBe('Zoë — ’s avonds € ?');
  });

  it('mails it with a subject for an escalation or the weekly digest, and escaped HTML', () => {
    const hostile = { ...summary, municipality: { code: 'GM0363', name: 'A<script>&' } };
    const escalation = mayorSummaryEmail(hostile, {
      kind: 'ESCALATION',
      escalationId: 'e1',
      ruleId: 'threat-cluster',
    });
    expect(escalation.subject).toBe(
      'Weerbaar: nieuwe escalatie voor A<script>& — Reeks bedreigingen',
    );
    expect(escalation.html).toContain('A&lt;script&gt;&amp;');
    expect(escalation.html).not.toContain('<script>');
    expect(escalation.html).toContain('<html lang="nl">');
    expect(escalation.text).toContain('als PDF in de bijlage');
    expect(mayorSummaryEmail(summary, { kind: 'DIGEST', week: '2026-W48' }).subject).toBe(
      'Weerbaar: weekoverzicht Amsterdam (week 48)',
    );
    expect(escapeHtml(`"'`)).toBe('&quot;&#39;');
  });
});

describe("the RIEC's notice", () => {
  it('names rule, municipality, severity and the link to the case, never details', () => {
    const mail = riecEscalationEmail(notice);
    expect(mail.subject).toBe('Weerbaar: escalatie Reeks bedreigingen in Amsterdam');
    expect(mail.text).toContain('Gemeente: Amsterdam (GM0363)');
    expect(mail.text).toContain('Ernst: hoog');
    expect(mail.text).toContain(notice.caseUrl);
    expect(mail.text).toContain(notice.explanation);
    expect(riecEscalationEmail({ ...notice, kind: 'UPDATED' }).subject).toBe(
      'Weerbaar: escalatie bijgewerkt — Reeks bedreigingen in Amsterdam',
    );
  });

  it('sends the summary fields only in the webhook', () => {
    expect(escalationWebhookPayload(notice)).toEqual({
      type: 'escalation.raised',
      timestamp: notice.raisedAt,
      data: {
        escalationId: notice.escalationId,
        revision: 0,
        ruleId: 'threat-cluster',
        ruleVersion: 1,
        municipality: 'GM0363',
        municipalityName: 'Amsterdam',
        riecRegion: 'amsterdam',
        severity: 'HIGH',
        explanation: notice.explanation,
        contributingSignalCount: 3,
        raisedAt: notice.raisedAt,
        caseUrl: notice.caseUrl,
      },
    });
  });
});
