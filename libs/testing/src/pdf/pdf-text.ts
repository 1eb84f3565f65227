// The text of a PDF, for tests that check what a document says. pdf-parse (pdf.js) loads its
// worker with a dynamic import, which Jest's CommonJS sandbox refuses, so the text is extracted
// by a plain Node process.
import { execFile } from 'node:child_process';

const EXTRACT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const result = await new PDFParse({ data: Buffer.concat(chunks) }).getText();
  process.stdout.write(result.text);
});`;

export function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['-e', EXTRACT],
      { cwd: __dirname, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => (error === null ? resolve(stdout) : reject(new Error(error.message))),
    );
    child.stdin?.end(pdf);
  });
}
