import { esc, rebaseHtml, safeHref } from './html.js';
import type { PublicForm, RenderCtx } from './render-context.js';

type Block = Record<string, unknown> & { id?: unknown; type?: unknown };

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown, lo: number, hi: number, dflt: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi ? v : dflt;
const blockId = (b: Block) => (typeof b.id === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(b.id) ? b.id : '');

/** `<img>` with srcset for a media id; nothing when the media is gone. */
export function img(
  rc: RenderCtx,
  mediaId: unknown,
  alt?: unknown,
  opts: { sizes?: string; eager?: boolean } = {},
) {
  const m = typeof mediaId === 'string' ? rc.media.get(mediaId) : undefined;
  if (!m) return '';
  const altText = typeof alt === 'string' && alt ? alt : m.alt;
  const dims = m.width && m.height ? ` width="${m.width}" height="${m.height}"` : '';
  const srcset = m.srcset
    ? ` srcset="${esc(m.srcset)}" sizes="${esc(opts.sizes ?? '(max-width: 72rem) 100vw, 72rem')}"`
    : '';
  const loading = opts.eager ? ' fetchpriority="high"' : ' loading="lazy" decoding="async"';
  return `<img src="${esc(m.src)}"${srcset}${dims} alt="${esc(altText)}"${loading}>`;
}

function figure(rc: RenderCtx, mediaId: unknown, alt: unknown, caption: unknown, sizes?: string) {
  const image = img(rc, mediaId, alt, { sizes });
  if (!image) return '';
  const cap = str(caption) ? `<figcaption>${esc(caption)}</figcaption>` : '';
  return `<figure>${image}${cap}</figure>`;
}

function control(f: PublicForm['fields'][number], id: string) {
  const req = f.required ? ' required aria-required="true"' : '';
  const name = `name="${esc(f.key)}" id="${id}"`;
  switch (f.type) {
    case 'textarea':
      return `<textarea ${name} rows="5"${req}></textarea>`;
    case 'select':
      return `<select ${name}${req}><option value="">Choose…</option>${f.options
        .map((o) => `<option value="${esc(o)}">${esc(o)}</option>`)
        .join('')}</select>`;
    case 'email':
      return `<input type="email" ${name} autocomplete="email"${req}>`;
    case 'phone':
      return `<input type="tel" ${name} autocomplete="tel"${req}>`;
    default:
      return `<input type="text" ${name}${req}>`;
  }
}

/**
 * The CRM lead form as a plain HTML form: it posts (url-encoded, no script) to the CRM's public
 * submit endpoint, which sends the browser back to `_return` with ?form=sent or ?form=error.
 */
function formBlock(rc: RenderCtx, b: Block) {
  const publicId = str(b.formId);
  const form = rc.forms.get(publicId);
  const heading = str(b.heading) ? `<h2>${esc(b.heading)}</h2>` : '';
  if (!form)
    return `<section class="lead-form">${heading}<p>This form is not available at the moment.</p></section>`;
  const fid = `f-${blockId(b) || publicId.slice(-8)}`;
  const state = rc.formState?.publicId === publicId ? rc.formState : undefined;
  if (state?.sent)
    return `<section class="lead-form" id="${fid}">${heading}<p class="notice" role="status">${esc(form.thankYou)}</p></section>`;
  const bad = state && !state.sent ? form.fields.find((f) => f.key === state.field) : undefined;
  const error = state
    ? `<p class="notice error" role="alert">${bad ? `Please check “${esc(bad.label)}”.` : 'Please check the form and send it again.'}</p>`
    : '';
  const rows = form.fields.map((f, i) => {
    const id = `${fid}-${i}`;
    const mark = f.required ? ' <span aria-hidden="true">*</span>' : '';
    if (f.type === 'checkbox')
      return `<p class="check"><label for="${id}"><input type="checkbox" name="${esc(f.key)}" id="${id}" value="true"${f.required ? ' required' : ''}> ${esc(f.label)}${mark}</label></p>`;
    return `<p><label for="${id}">${esc(f.label)}${mark}</label>${control(f, id)}</p>`;
  });
  if (form.consentText)
    rows.push(
      `<p class="check"><label><input type="checkbox" name="consent" value="true" required> ${esc(form.consentText)}</label></p>`,
    );
  const pagePath = `${rc.base}${rc.path}`;
  return `<section class="lead-form" id="${fid}" aria-labelledby="${fid}-h">${heading.replace('<h2>', `<h2 id="${fid}-h">`) || `<h2 id="${fid}-h" class="skip">${esc(form.name)}</h2>`}${error}
<form action="${esc(form.submitUrl)}" method="post">
${rows.join('\n')}
<div class="hp" aria-hidden="true"><label>Leave this empty<input type="text" name="_website" tabindex="-1" autocomplete="off"></label></div>
<input type="hidden" name="page_url" value="${esc(`${rc.absBase}${rc.path}`)}"><input type="hidden" name="_return" value="${esc(`${pagePath}#${fid}`)}">
<p><button type="submit">Send</button></p>
</form></section>`;
}

/** One block as HTML. Unknown block types render nothing (content written by a newer hub). */
export function renderBlock(rc: RenderCtx, b: Block, nested = false): string {
  switch (b.type) {
    case 'heading': {
      const level = num(b.level, 1, 4, 2);
      return `<h${level}>${esc(b.text)}</h${level}>`;
    }
    case 'richText':
      return `<div class="rich">${rebaseHtml(str(b.html), rc.base)}</div>`;
    case 'image': {
      const f = figure(rc, b.mediaId, b.alt, b.caption);
      if (!f || !str(b.link)) return f;
      return f.replace(/<img[^>]*>/, (i) => `<a href="${esc(safeHref(b.link, rc.base))}">${i}</a>`);
    }
    case 'gallery': {
      const cols = num(b.columns, 2, 4, 3);
      const items = Array.isArray(b.items) ? (b.items as Block[]) : [];
      const sizes = `(max-width: 40rem) 100vw, ${Math.round(72 / cols)}rem`;
      return `<div class="gallery" style="--cols:${cols}">${items
        .map((it) => figure(rc, it.mediaId, it.alt, it.caption, sizes))
        .join('')}</div>`;
    }
    case 'cta': {
      const style = b.style === 'secondary' ? ' secondary' : '';
      const text = str(b.text) ? `<p>${esc(b.text)}</p>` : '';
      return `<section class="cta"><h2>${esc(b.heading)}</h2>${text}<a class="btn${style}" href="${esc(safeHref(b.buttonUrl, rc.base))}">${esc(b.buttonLabel)}</a></section>`;
    }
    case 'quote': {
      const cite = str(b.cite) ? `<footer>— <cite>${esc(b.cite)}</cite></footer>` : '';
      return `<figure class="quote"><blockquote><p>${esc(b.text)}</p></blockquote>${cite}</figure>`;
    }
    case 'columns': {
      if (nested) return '';
      const cols = Array.isArray(b.columns) ? (b.columns as { blocks?: unknown }[]).slice(0, 3) : [];
      return `<div class="columns" style="--cols:${cols.length || 2}">${cols
        .map(
          (c) => `<div>${renderBlocks(rc, Array.isArray(c.blocks) ? (c.blocks as Block[]) : [], true)}</div>`,
        )
        .join('')}</div>`;
    }
    case 'form':
      return formBlock(rc, b);
    case 'productGrid': {
      const limit = num(b.limit, 1, 24, 8);
      const coll = str(b.collection);
      return `<section class="slot product-grid" data-collection="${esc(coll)}" data-limit="${limit}" aria-label="Products"><p>Products${coll ? ` from “${esc(coll)}”` : ''} will appear here.</p></section>`;
    }
    default:
      return '';
  }
}

export function renderBlocks(rc: RenderCtx, blocks: unknown, nested = false): string {
  if (!Array.isArray(blocks)) return '';
  return (blocks as Block[])
    .map((b) => {
      const html = b && typeof b === 'object' ? renderBlock(rc, b, nested) : '';
      return html ? `<div class="block block-${esc(b.type)}">${html}</div>` : '';
    })
    .join('\n');
}

/** Media ids and form ids a list of blocks refers to (for one batched look-up each). */
export function blockRefs(blocks: unknown, out = { media: new Set<string>(), forms: new Set<string>() }) {
  if (!Array.isArray(blocks)) return out;
  for (const b of blocks as Block[]) {
    if (!b || typeof b !== 'object') continue;
    if (typeof b.mediaId === 'string') out.media.add(b.mediaId);
    if (b.type === 'gallery' && Array.isArray(b.items))
      for (const it of b.items as Block[]) if (typeof it.mediaId === 'string') out.media.add(it.mediaId);
    if (b.type === 'form' && typeof b.formId === 'string') out.forms.add(b.formId);
    if (b.type === 'columns' && Array.isArray(b.columns))
      for (const c of b.columns as { blocks?: unknown }[]) blockRefs(c.blocks, out);
  }
  return out;
}
