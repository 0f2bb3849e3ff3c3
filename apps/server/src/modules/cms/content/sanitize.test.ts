import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeRichText } from './sanitize.js';

describe('sanitizeRichText', () => {
  it('removes script and style elements with their content', () => {
    expect(sanitizeRichText('<p>a</p><script>alert(1)</script><style>p{}</style><p>b</p>')).toBe(
      '<p>a</p><p>b</p>',
    );
    expect(sanitizeRichText('<SCRIPT src="x.js"></SCRIPT><p>ok</p>')).toBe('<p>ok</p>');
    expect(sanitizeRichText('<iframe src="https://evil"></iframe><object data="x"></object>ok')).toBe('ok');
  });

  it('removes on* handlers and style attributes', () => {
    expect(sanitizeRichText('<p onclick="alert(1)" style="color:red" class="x">hi</p>')).toBe('<p>hi</p>');
    expect(sanitizeRichText('<a href="/x" onmouseover="steal()">x</a>')).toBe('<a href="/x">x</a>');
    expect(sanitizeRichText('<img src=x onerror=alert(1)>')).toBe('');
  });

  it('removes javascript:, data: and protocol-relative links, keeping the text', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java&#x09;script:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      '//evil.example/x',
      'vbscript:x',
    ])
      expect(sanitizeRichText(`<a href="${href}">t</a>`), href).toBe('<a>t</a>');
  });

  it('keeps the allowed markup and safe links', () => {
    const html =
      '<h2>T</h2><h3>a</h3><h4>b</h4><p><strong>s</strong> <em>e</em> <u>u</u> <s>x</s> <code>c</code><br /></p>' +
      '<ul><li>1</li></ul><ol><li>2</li></ol><blockquote>q</blockquote><pre>p</pre><hr />';
    expect(sanitizeRichText(html)).toBe(html);
    for (const href of [
      'https://example.com/a?b=1',
      'http://x.test',
      'mailto:a@b.c',
      'tel:+4912345',
      '/about',
      '#top',
      'page',
    ])
      expect(sanitizeRichText(`<a href="${href}" title="t">l</a>`)).toBe(`<a href="${href}" title="t">l</a>`);
    expect(sanitizeRichText('<a href="/x" target="_blank">l</a>')).toBe(
      '<a href="/x" target="_blank" rel="noopener noreferrer">l</a>',
    );
    expect(sanitizeRichText('<a href="/x" target="evil">l</a>')).toBe('<a href="/x">l</a>');
  });

  it('drops tags outside the list (h1, div, span, img, table) but keeps their text', () => {
    expect(sanitizeRichText('<h1>Big</h1><div><span>in</span></div><table><tr><td>c</td></tr></table>')).toBe(
      'Bigin' + 'c',
    );
  });
});

describe('htmlToText', () => {
  it('gives readable text with spaces between blocks and entities decoded', () => {
    expect(htmlToText('<p>Hello&nbsp;<b>world</b></p><p>Fish &amp; chips</p>')).toBe(
      'Hello world Fish & chips',
    );
  });
});
