// The small pieces every HTML e-mail of Weerbaar is built from: escaping, the page around the
// body, and links that can only be web links. Values are always escaped here, never by callers.

/** Text as HTML text or attribute value: nothing in it can open a tag or close a quote. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** An e-mail subject on one line: a line break in a name must not reach the header. */
export const subjectLine = (subject: string): string => subject.replace(/\s+/g, ' ').trim();

/** A complete, minimal HTML document in Dutch around an already escaped body. */
export function htmlDocument(title: string, body: readonly string[]): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="nl">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The URL as a link when it is a web address; anything else (javascript:, data:) stays text. */
export function linkHtml(url: string): string {
  return isWebUrl(url) ? `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>` : escapeHtml(url);
}

function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
