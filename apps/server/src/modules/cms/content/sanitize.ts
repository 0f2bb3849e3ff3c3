import { createRequire } from 'node:module';
import type sanitizeHtmlFn from 'sanitize-html';

/** sanitize-html (with its parser) is loaded on first use: the idle hub does not carry it. */
const require = createRequire(import.meta.url);
let loaded: typeof sanitizeHtmlFn | undefined;
function sanitizeHtml(html: string, opts: sanitizeHtmlFn.IOptions): string {
  loaded ??= require('sanitize-html') as typeof sanitizeHtmlFn;
  return loaded(html, opts);
}

/**
 * The rich text the CMS stores: only simple markup, links with safe schemes, no scripts, styles,
 * frames, event handlers or javascript:/data: URLs. Applied on the server on every write.
 */
const options: sanitizeHtmlFn.IOptions = {
  allowedTags: [
    'p',
    'h2',
    'h3',
    'h4',
    'strong',
    'em',
    'u',
    's',
    'a',
    'ul',
    'ol',
    'li',
    'blockquote',
    'code',
    'pre',
    'br',
    'hr',
  ],
  allowedAttributes: { a: ['href', 'title', 'target', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Content of these is dropped with the tag (not kept as text).
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template'],
  transformTags: {
    a: (tagName, attribs) => {
      const out: Record<string, string> = { ...attribs };
      if (out.target && out.target !== '_blank' && out.target !== '_self') delete out.target;
      if (out.target === '_blank') out.rel = 'noopener noreferrer';
      return { tagName, attribs: out };
    },
  },
};

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, options).trim();
}

/** Plain text of a fragment of HTML (for search and diffs). */
export function htmlToText(html: string): string {
  return sanitizeHtml(html.replace(/<(br|\/p|\/li|\/h\d|\/blockquote|\/pre)\s*\/?>/gi, ' $&'), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
