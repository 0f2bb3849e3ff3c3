/** HTML helpers for the public sites: every string that is not sanitised rich text goes through esc. */

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and double-quoted attribute values. */
export const esc = (v: unknown): string =>
  v === undefined || v === null ? '' : String(v).replace(/[&<>"']/g, (c) => ESC[c]!);

/** Escapes text for XML (sitemap, RSS): the same five entities, control characters dropped. */
export const xmlEsc = (v: unknown): string =>
  [...esc(v)].filter((c) => c.charCodeAt(0) >= 0x20 || c === '\t' || c === '\n' || c === '\r').join('');

/**
 * A link target that is safe to put in href: http(s), mailto, tel, a fragment or a site-relative
 * path (prefixed with the site's base when served under /sites/<slug>). Anything else (javascript:,
 * data:, protocol-relative //host) becomes '#'.
 */
export function safeHref(url: unknown, base: string): string {
  if (typeof url !== 'string') return '#';
  const u = url.trim();
  if (!u) return '#';
  if (u.startsWith('#') || u.startsWith('?')) return u;
  if (u.startsWith('/')) {
    if (u.startsWith('//') || u.startsWith('/\\')) return '#';
    return `${base}${u}`;
  }
  if (/^(https?:|mailto:|tel:)/i.test(u)) return u;
  // A relative path without a leading slash: resolved against the page, like a browser would.
  if (/^[A-Za-z0-9._~-][^:]*$/.test(u)) return u;
  return '#';
}

/** Rich text is sanitised on write; here its site-relative links get the site's base. */
export function rebaseHtml(html: string, base: string): string {
  if (!base) return html;
  return html.replace(
    /(<a\b[^>]*?\shref=")(\/(?!\/)[^"]*)"/gi,
    (_m, pre: string, href: string) => `${pre}${base}${href}"`,
  );
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** The entities sanitised HTML stores, decoded once (the text is escaped again where it is used). */
export const decodeEntities = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, e: string) => ENTITIES[e]!);

/** Plain text of HTML (for descriptions and feeds). */
export const stripTags = (html: string) =>
  decodeEntities(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();

export const truncate = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1).trimEnd()}…`);

/** 2026-11-22 → "22 November 2026" in the site's locale. */
export function formatDate(iso: string | null | undefined, locale: string): string {
  if (!iso) return '';
  try {
    return new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(iso));
  } catch {
    return iso.slice(0, 10);
  }
}
