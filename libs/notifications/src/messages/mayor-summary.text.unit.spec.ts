// The burgemeester's summary in words: each section at its edges (one signal or many, no
// escalations, closed cases, no contacts, no signals at all) and nothing of the escalations'
// ids in the text.
import {
  counts,
  escalationLine,
  mayorSummary,
} from '../../../testing/src/builders/message.builders';
import {
  categoryCountsNl,
  describeMayorSummary,
  escalationLineNl,
  LEFT_OUT_LINE,
  summaryMomentNl,
} from './mayor-summary.text';
import type { MayorSummary } from './message.types';

const section = (summary: MayorSummary, heading: string): string[] => {
  const found = describeMayorSummary(summary).sections.find((s) => s.heading === heading);
  if (!found) throw new Error(`no section ${heading}`);
  return found.lines;
};

describe('describeMayorSummary', () => {
  it('describes the whole picture in plain Dutch', () => {
    expect(describeMayorSummary(mayorSummary())).toEqual({
      title: 'Weerbaarheid Utrecht: samenvatting voor de burgemeester',
      sections: [
        {
          heading: 'Risicobeeld',
          lines: [
            'Het risiconiveau is hoog en stijgend (90 dagen geleden: verhoogd).',
            'De laatste gemelde gebeurtenis was op 23 november 2026.',
            'Aangifte bij de politie is gedaan bij 2 van de 3 meldingen van bedreiging en omkoping (67%).',
          ],
        },
        {
          heading: 'Meldingen',
          lines: [
            'In de afgelopen 30 dagen: 3 meldingen van bedreiging.',
            'In de afgelopen 90 dagen: 3 meldingen van bedreiging en 1 melding van omkoping.',
            'In de afgelopen 365 dagen: 4 meldingen van bedreiging, 1 melding van omkoping en 1 melding van infiltratie.',
          ],
        },
        {
          heading: 'Escalaties',
          lines: ['Reeks bedreigingen sinds 23 november 2026 — open — 3 meldingen van bedreiging'],
        },
        {
          heading: 'Contact met het RIEC Midden-Nederland',
          lines: ['Fatima el Amrani, e-mail f.elamrani@riec.example, telefoon +31 30 123 4567'],
        },
        { heading: 'Over deze samenvatting', lines: [LEFT_OUT_LINE] },
      ],
    });
    expect(LEFT_OUT_LINE).toBe(
      'Deze samenvatting bevat geen namen van betrokkenen, geen omschrijvingen van meldingen en geen details van vertrouwelijke (TLP:RED) meldingen.',
    );
  });

  it('says a steady or falling trend with the level of 90 days ago', () => {
    const steady = mayorSummary({ risk: { level: 'LOW', previousLevel: 'LOW', trend: 'STABLE' } });
    expect(section(steady, 'Risicobeeld')[0]).toBe(
      'Het risiconiveau is laag en gelijkblijvend (90 dagen geleden: laag).',
    );
    const falling = mayorSummary({
      risk: { level: 'ELEVATED', previousLevel: 'CRITICAL', trend: 'FALLING' },
    });
    expect(section(falling, 'Risicobeeld')[0]).toBe(
      'Het risiconiveau is verhoogd en dalend (90 dagen geleden: kritiek).',
    );
  });

  it('names the look-back of the trend the platform is configured with', () => {
    const monthly = mayorSummary({ risk: { trendDays: 30 } });
    expect(section(monthly, 'Risicobeeld')[0]).toBe(
      'Het risiconiveau is hoog en stijgend (30 dagen geleden: verhoogd).',
    );
  });

  it('says when there are no signals, and no aangifte rate to give', () => {
    const none = mayorSummary({
      risk: {
        counts: { d30: counts(), d90: counts(), d365: counts() },
        aangifte: { filed: 0, eligible: 0, rate: null },
        lastSignalAt: null,
      },
      escalations: [],
    });
    expect(section(none, 'Risicobeeld').slice(1)).toEqual([
      'Er zijn geen meldingen bekend.',
      'Aangifte bij de politie: er zijn geen meldingen van bedreiging of omkoping.',
    ]);
    expect(section(none, 'Meldingen')).toEqual([
      'In de afgelopen 30 dagen: geen meldingen.',
      'In de afgelopen 90 dagen: geen meldingen.',
      'In de afgelopen 365 dagen: geen meldingen.',
    ]);
  });

  it('counts one signal as "1 melding" and leaves out categories without signals', () => {
    expect(categoryCountsNl(counts({ INFILTRATION: 1 }))).toBe('1 melding van infiltratie');
    expect(categoryCountsNl(counts({ THREAT: 1, INFILTRATION: 2 }))).toBe(
      '1 melding van bedreiging en 2 meldingen van infiltratie',
    );
    expect(categoryCountsNl(counts())).toBe('geen meldingen');
  });

  it('says so when there are no escalations', () => {
    expect(section(mayorSummary({ escalations: [] }), 'Escalaties')).toEqual([
      'Er zijn geen open escalaties.',
    ]);
  });

  it('lists open cases before closed ones, saying when and how a case was closed', () => {
    const closed = escalationLine({
      escalationId: 'closed',
      ruleId: 'critical-signal',
      status: 'CLOSED',
      raisedAt: '2026-10-01T09:00:00.000Z',
      closedAt: '2026-10-03T09:00:00.000Z',
      outcome: 'FALSE_POSITIVE',
      signalCounts: counts({ BRIBERY: 1 }),
    });
    const acknowledged = escalationLine({
      escalationId: 'acknowledged',
      ruleId: 'bribery-and-infiltration',
      status: 'ACKNOWLEDGED',
      raisedAt: '2026-09-01T09:00:00.000Z',
      signalCounts: counts({ BRIBERY: 2, INFILTRATION: 1 }),
    });
    expect(section(mayorSummary({ escalations: [closed, acknowledged] }), 'Escalaties')).toEqual([
      'Omkoping en infiltratie sinds 1 september 2026 — in behandeling — 2 meldingen van omkoping en 1 melding van infiltratie',
      'Melding van de hoogste ernst van 1 oktober 2026 — afgesloten op 3 oktober 2026 als vals alarm — 1 melding van omkoping',
    ]);
  });

  it('says there are no open escalations above the recently closed ones', () => {
    const closed = escalationLine({
      status: 'CLOSED',
      closedAt: '2026-11-24T09:00:00.000Z',
      outcome: 'RISK_CONFIRMED',
    });
    expect(section(mayorSummary({ escalations: [closed] }), 'Escalaties')).toEqual([
      'Er zijn geen open escalaties.',
      'Reeks bedreigingen van 23 november 2026 — afgesloten op 24 november 2026 als risico bevestigd — 3 meldingen van bedreiging',
    ]);
  });

  it('writes a closed case without an outcome or date, and a case without countable signals', () => {
    expect(
      escalationLineNl(escalationLine({ status: 'CLOSED', closedAt: null, outcome: null })),
    ).toBe('Reeks bedreigingen van 23 november 2026 — afgesloten — 3 meldingen van bedreiging');
    expect(escalationLineNl(escalationLine({ signalCounts: counts() }))).toBe(
      'Reeks bedreigingen sinds 23 november 2026 — open',
    );
  });

  it('gives each RIEC contact with or without a phone number', () => {
    const summary = mayorSummary({
      riec: {
        id: 'oost-nederland',
        name: 'Oost-Nederland',
        contacts: [
          { name: 'Anna de Vries', email: 'anna@riec.example', phone: '088 123 4567' },
          { name: 'Bram Bos', email: 'bram@riec.example' },
        ],
      },
    });
    expect(section(summary, 'Contact met het RIEC Oost-Nederland')).toEqual([
      'Anna de Vries, e-mail anna@riec.example, telefoon 088 123 4567',
      'Bram Bos, e-mail bram@riec.example',
    ]);
  });

  it('sends the burgemeester to the usual channel when no contacts are configured', () => {
    const summary = mayorSummary({
      riec: { id: 'oost-nederland', name: 'Oost-Nederland', contacts: [] },
    });
    expect(section(summary, 'Contact met het RIEC Oost-Nederland')).toEqual([
      'Er zijn geen contactpersonen van het RIEC ingesteld.',
      'Neem contact op met het RIEC Oost-Nederland via de gebruikelijke weg.',
    ]);
  });

  it('does not put escalation ids, the municipality code or the RIEC id in the text', () => {
    const text = JSON.stringify(describeMayorSummary(mayorSummary()));
    expect(text).not.toContain('0f9a3c1e');
    expect(text).not.toContain('GM0344');
    expect(text).not.toContain('midden-nederland');
  });

  it('states the moment of the summary in Dutch time', () => {
    expect(summaryMomentNl(mayorSummary({ generatedAt: '2026-07-01T06:05:00.000Z' }))).toBe(
      'Stand van 1 juli 2026 om 08:05 uur',
    );
  });
});
