// The burgemeester's summary as a PDF (pdfkit, A4, the standard Helvetica fonts that every PDF
// reader has): the same description as the e-mail, with headings, a footer and page numbers.
// The same summary always gives the same bytes: the document's dates are the summary's.
import PDFDocument from 'pdfkit';
import type { MayorSummary } from '../messages/message.types';
import { describeMayorSummary } from './mayor-summary.text';

// Characters outside Latin-1 that the standard fonts' WinAnsi encoding has anyway.
const WIN_ANSI_EXTRAS = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

/** Text the standard fonts can show: anything else becomes "?" rather than garbage. */
export function winAnsi(text: string): string {
  return [...text]
    .map((char) => (char.charCodeAt(0) <= 0xff || WIN_ANSI_EXTRAS.includes(char) ? char : '?'))
    .join('');
}

export function renderMayorSummaryPdf(summary: MayorSummary): Promise<Buffer> {
  const text = describeMayorSummary(summary);
  const generatedAt = new Date(summary.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    bufferPages: true,
    info: {
      Title: winAnsi(text.title),
      Author: 'Weerbaar',
      Subject: winAnsi(`Samenvatting voor de burgemeester van ${summary.municipality.name}`),
      CreationDate: generatedAt,
      ModDate: generatedAt,
    },
    lang: 'nl-NL',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(18).text(winAnsi(text.title));
  doc.moveDown(0.5);
  for (const section of text.sections) {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(winAnsi(section.heading));
    doc.moveDown(0.3).font('Helvetica').fontSize(11);
    for (const line of section.lines) doc.text(winAnsi(line), { paragraphGap: 4 });
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.height - 40;
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(
        winAnsi(`Weerbaar — ${summary.municipality.name} — pagina ${i + 1} van ${range.count}`),
        56,
        bottom,
        { lineBreak: false },
      );
  }
  doc.end();
  return done;
}
