// The burgemeester's PDF: it says what the description says and nothing else, in characters the
// standard fonts can show, numbers its pages when there are several, and is the same bytes for
// the same summary whenever it is rendered.
import {
  counts,
  escalationLine,
  mayorSummary,
} from '../../../testing/src/builders/message.builders';
import { readPdf } from '../../../testing/src/pdf/pdf-text';
import { renderMayorSummaryPdf, toWinAnsi } from './mayor-summary.pdf';
import { describeMayorSummary, summaryMomentNl } from './mayor-summary.text';
import type { MayorSummary } from './message.types';

/** Everything the PDF should say, in reading order. */
const expectedText = (summary: MayorSummary): string => {
  const { title, sections } = describeMayorSummary(summary);
  return [
    title,
    summaryMomentNl(summary),
    ...sections.flatMap((s) => [s.heading, ...s.lines]),
  ].join('\n');
};

// Lines wrap where the page ends, so text is compared without its whitespace.
const squeeze = (text: string): string => text.replace(/\s+/g, '');

const PAGE_NUMBER = /^Pagina \d+ van \d+$/m;

describe('renderMayorSummaryPdf', () => {
  it('shows the municipality, the risk level, the escalations and the RIEC contact', async () => {
    const summary = mayorSummary({
      escalations: [
        escalationLine(),
        escalationLine({
          ruleId: 'critical-signal',
          status: 'CLOSED',
          raisedAt: '2026-10-01T09:00:00.000Z',
          closedAt: '2026-10-03T09:00:00.000Z',
          outcome: 'VALUABLE',
          signalCounts: counts({ BRIBERY: 1 }),
        }),
      ],
    });
    const { pages } = await readPdf(await renderMayorSummaryPdf(summary));
    const text = pages.join('\n').replace(/\s+/g, ' ');
    expect(pages).toHaveLength(1);
    expect(text).toContain('Weerbaarheid Utrecht: samenvatting voor de burgemeester');
    expect(text).toContain('Het risiconiveau is hoog en stijgend (90 dagen geleden: verhoogd).');
    expect(text).toContain(
      'Reeks bedreigingen sinds 23 november 2026 — open — 3 meldingen van bedreiging',
    );
    expect(text).toContain(
      'Melding van de hoogste ernst van 1 oktober 2026 — afgesloten op 3 oktober 2026 als waardevol — 1 melding van omkoping',
    );
    expect(text).toContain('Contact met het RIEC Midden-Nederland');
    expect(text).toContain(
      'Fatima el Amrani, e-mail f.elamrani@riec.example, telefoon +31 30 123 4567',
    );
    expect(text).not.toMatch(PAGE_NUMBER);
  });

  it('says exactly what the description says, and nothing more', async () => {
    const summary = mayorSummary({
      municipality: { code: 'GM1900', name: 'Súdwest-Fryslân' },
      riec: {
        id: 'noord-nederland',
        name: 'Noord-Nederland',
        contacts: [
          { name: 'Zoë O’Neill-Désirée', email: 'zoe@riec.example' },
          { name: 'Ben & <Co>', email: 'ben@riec.example', phone: '050 – 123 45 67' },
        ],
      },
    });
    const { pages } = await readPdf(await renderMayorSummaryPdf(summary));
    expect(squeeze(pages.join('\n'))).toBe(squeeze(expectedText(summary)));
  });

  it('numbers its pages when the summary runs over more than one', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      escalationLine({ escalationId: `e${i}`, signalCounts: counts({ THREAT: i + 1 }) }),
    );
    const summary = mayorSummary({ escalations: many });
    const { pages } = await readPdf(await renderMayorSummaryPdf(summary));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) =>
      expect(page.trim().split('\n').at(-1)).toBe(`Pagina ${i + 1} van ${pages.length}`),
    );
    const withoutNumbers = pages.map((page) => page.replace(PAGE_NUMBER, '')).join('\n');
    expect(squeeze(withoutNumbers)).toBe(squeeze(expectedText(summary)));
  });

  it('replaces what the standard fonts cannot show, keeping Dutch as it is', async () => {
    const summary = mayorSummary({
      municipality: { code: 'GM0000', name: 'Łódź-Kőbánya 🏛' },
    });
    const { pages } = await readPdf(await renderMayorSummaryPdf(summary));
    expect(pages[0].replace(/\s+/g, ' ')).toContain(
      'Weerbaarheid Lódz-Kobánya ?: samenvatting voor de burgemeester',
    );
  });

  it('carries the title, author, subject and the summary moment as document information', async () => {
    const { info } = await readPdf(await renderMayorSummaryPdf(mayorSummary()));
    expect(info).toMatchObject({
      Title: 'Weerbaarheid Utrecht: samenvatting voor de burgemeester',
      Author: 'Weerbaar',
      Subject: 'Samenvatting voor de burgemeester van Utrecht',
      CreationDate: 'D:20261124100000Z',
      ModDate: 'D:20261124100000Z',
    });
  });

  describe('determinism', () => {
    afterEach(() => jest.useRealTimers());

    // Only the clock is faked: pdfkit's streams need real ticks.
    const atClock = async (now: string, summary: MayorSummary): Promise<Buffer> => {
      jest.useFakeTimers({
        now: new Date(now),
        doNotFake: [
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
        ],
      });
      expect(new Date().toISOString()).toBe(new Date(now).toISOString());
      return renderMayorSummaryPdf(summary);
    };

    it('gives the same bytes for the same summary, whenever it is rendered', async () => {
      const first = await atClock('2027-01-01T00:00:00Z', mayorSummary());
      const second = await atClock('2031-06-15T12:34:56Z', mayorSummary());
      expect(first.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(first.equals(second)).toBe(true);
    });

    it('gives other bytes for a summary of another moment', async () => {
      const first = await renderMayorSummaryPdf(mayorSummary());
      const later = await renderMayorSummaryPdf(
        mayorSummary({ generatedAt: '2026-11-24T10:00:01.000Z' }),
      );
      expect(first.equals(later)).toBe(false);
    });
  });
});

describe('toWinAnsi', () => {
  it('keeps Dutch and the typographic characters WinAnsi has', () => {
    const dutch = 'Zoë’s café — financiële “overzichten” – € 5… • ‘ja’';
    expect(toWinAnsi(dutch)).toBe(dutch);
  });

  it('drops accents WinAnsi lacks, maps letters that do not decompose and marks the rest', () => {
    expect(toWinAnsi('Kőbánya Şişli Łukasz Đorđe Ĳsselstein')).toBe(
      'Kobánya Sisli Lukasz Dorde IJsselstein',
    );
    expect(toWinAnsi('≥ 3 ✓ 漢')).toBe('? 3 ? ?');
  });

  it('turns control characters into spaces, so none reaches the page as a wrong glyph', () => {
    expect(toWinAnsi('a\tb\nc\u0085d')).toBe('a b c d');
  });

  it('treats a decomposed accent like a composed one', () => {
    expect(toWinAnsi('Zoe\u0308')).toBe('Zoë');
  });
});
