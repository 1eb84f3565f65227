// The burgemeester's summary as a PDF: the same description as the e-mail, on A4 in the standard
// Helvetica fonts every PDF reader has, tagged for screen readers, with page numbers when it runs
// over a page. The same summary always gives the same bytes: the document's dates are its own.
import PDFDocument from 'pdfkit';
import type { MayorSummary } from './message.types';
import { describeMayorSummary, summaryMomentNl } from './mayor-summary.text';

// The standard fonts are not embedded and encode text as WinAnsi (Windows-1252): printable
// Latin-1 and these characters of 0x80–0x9F, which pdfkit maps from their Unicode code points.
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

// Letters that do not decompose into a WinAnsi letter and an accent but have a plain equivalent.
const PLAIN_LETTERS: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  ĸ: 'k',
};

const isWinAnsi = (char: string): boolean => {
  const code = char.codePointAt(0) ?? 0;
  return (
    (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(char)
  );
};

/**
 * Text the standard fonts can show. Dutch (ë, é, ’, —) passes unchanged; a letter outside
 * WinAnsi loses its accent (ő → o, ş → s) or becomes its plain equivalent (ł → l, ĳ → ij);
 * control characters become spaces; anything else becomes "?" rather than a wrong glyph or an
 * empty box.
 */
export function toWinAnsi(text: string): string {
  return Array.from(text.normalize('NFC'), (char) => {
    if (isWinAnsi(char)) return char;
    if (/\p{Cc}/u.test(char)) return ' ';
    // NFKD also splits compatibility characters: the Dutch ĳ becomes "ij", ﬁ becomes "fi".
    const plain = PLAIN_LETTERS[char] ?? char.normalize('NFKD').replace(/\p{M}/gu, '');
    return plain.length > 0 && Array.from(plain).every(isWinAnsi) ? plain : '?';
  }).join('');
}

const FONT = 'Helvetica';
const FONT_BOLD = 'Helvetica-Bold';
const MARGIN = 56;
const GREY = '#555555';
const BLACK = '#000000';
/** Room for a heading and two lines of its list. */
const KEEP_WITH_NEXT = 60;

/** The summary as an A4 PDF, byte for byte the same for the same summary. */
export function renderMayorSummaryPdf(summary: MayorSummary): Promise<Buffer> {
  const description = describeMayorSummary(summary);
  const generatedAt = new Date(summary.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'nl-NL',
    displayTitle: true,
    // pdfkit would stamp the current time (and derive the file id from it): the summary's own
    // moment keeps the bytes the same for the same summary.
    info: {
      Title: toWinAnsi(description.title),
      Author: 'Weerbaar',
      Subject: toWinAnsi(`Samenvatting voor de burgemeester van ${summary.municipality.name}`),
      Creator: 'Weerbaar',
      CreationDate: generatedAt,
      ModDate: generatedAt,
    },
  });
  const bytes = collect(doc);

  const root = doc.struct('Document');
  doc.addStructure(root);
  doc
    .font(FONT_BOLD)
    .fontSize(18)
    .fillColor(BLACK)
    .text(toWinAnsi(description.title), { structParent: root, structType: 'H1' });
  doc
    .moveDown(0.3)
    .font(FONT)
    .fontSize(10)
    .fillColor(GREY)
    .text(toWinAnsi(summaryMomentNl(summary)), { structParent: root });
  for (const section of description.sections) {
    doc.moveDown(1);
    // A heading stays with the start of its list rather than alone at the foot of a page.
    if (doc.y + KEEP_WITH_NEXT > doc.page.height - doc.page.margins.bottom) {
      doc.continueOnNewPage();
    }
    doc
      .font(FONT_BOLD)
      .fontSize(13)
      .fillColor(BLACK)
      .text(toWinAnsi(section.heading), { structParent: root, structType: 'H2' });
    const list = doc.struct('L');
    root.add(list);
    doc
      .moveDown(0.3)
      .font(FONT)
      .fontSize(11)
      .list(section.lines.map(toWinAnsi), { structParent: list, paragraphGap: 3, bulletRadius: 2 });
    list.end();
  }
  numberPages(doc);
  root.end();
  doc.end();
  return bytes;
}

/** "Pagina 2 van 3" at the foot of every page, when there is more than one. */
function numberPages(doc: PDFKit.PDFDocument): void {
  const { start, count } = doc.bufferedPageRange();
  if (count < 2) return;
  for (let index = start; index < start + count; index += 1) {
    doc.switchToPage(index);
    // Writing below the bottom margin would make pdfkit start a new page; the footer may.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    // A page number is furniture, not content: screen readers skip artifacts.
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font(FONT)
      .fontSize(9)
      .fillColor(GREY)
      .text(`Pagina ${index - start + 1} van ${count}`, MARGIN, doc.page.height - MARGIN / 2 - 9, {
        width: doc.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
