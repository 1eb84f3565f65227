// The pieces of the HTML e-mails: escaping, one-line subjects and links that are only web links.
import { escapeHtml, htmlDocument, linkHtml, subjectLine } from './html';

describe('html', () => {
  it('escapes everything that could open a tag, an entity or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });

  it('puts an escaped title in a Dutch document', () => {
    expect(htmlDocument('A & B', ['<p>x</p>'])).toBe(
      [
        '<!DOCTYPE html>',
        '<html lang="nl">',
        '<head>',
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<title>A &amp; B</title>',
        '</head>',
        '<body>',
        '<p>x</p>',
        '</body>',
        '</html>',
        '',
      ].join('\n'),
    );
  });

  it('links web addresses only', () => {
    expect(linkHtml('https://w.example/a?b=1&c=2')).toBe(
      '<a href="https://w.example/a?b=1&amp;c=2">https://w.example/a?b=1&amp;c=2</a>',
    );
    expect(linkHtml('http://localhost:3000/x')).toBe(
      '<a href="http://localhost:3000/x">http://localhost:3000/x</a>',
    );
    expect(linkHtml('data:text/html,<b>')).toBe('data:text/html,&lt;b&gt;');
    expect(linkHtml('/relative')).toBe('/relative');
  });

  it('keeps a subject on one line', () => {
    expect(subjectLine(' a\r\n b\tc ')).toBe('a b c');
  });
});
