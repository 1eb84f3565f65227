// What a PDF says, for tests: its text per page and its document information. pdf-parse (pdf.js)
// loads its worker with a dynamic import, which Jest's CommonJS sandbox refuses, so a plain Node
// process reads the PDF.
import { execFile } from 'node:child_process';

export interface PdfContent {
  /** The text of each page, in order. */
  pages: string[];
  /** The Info dictionary as pdf.js reads it (Title, Author, Subject, CreationDate, …). */
  info: Record<string, unknown>;
}

const READ = `
const { PDFParse } = require(process.argv[1]);
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: Buffer.concat(chunks) });
  const text = await parser.getText();
  const info = await parser.getInfo();
  await parser.destroy();
  process.stdout.write(JSON.stringify({ pages: text.pages.map((page) => page.text), info: info.info }));
});`;

export function readPdf(pdf: Buffer): Promise<PdfContent> {
  const pdfParse = require.resolve('pdf-parse');
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['-e', READ, pdfParse],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      (error: Error | null, stdout: string) =>
        error ? reject(error) : resolve(JSON.parse(stdout) as PdfContent),
    );
    child.stdin?.end(pdf);
  });
}

/** All the text of a PDF, pages joined by new lines. */
export async function pdfText(pdf: Buffer): Promise<string> {
  return (await readPdf(pdf)).pages.join('\n');
}
