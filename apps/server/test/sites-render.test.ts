import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForm } from '../src/modules/crm/index.js';
import type { Tenant } from '../src/modules/identity/index.js';
import { withTenant } from '../src/platform/db/tenant.js';
import { buildTestApp, createTestTenant } from './helpers.js';
import {
  addAuthor,
  addCategory,
  addPage,
  createSite,
  eventually,
  get,
  notifyChanged,
} from './sites-fixtures.js';

let app: FastifyInstance;
let t: Tenant;
let siteId: string;
let base: string;

const XSS = `<script>alert(1)</script>"'&`;

beforeAll(async () => {
  app = await buildTestApp();
  t = await createTestTenant(app.hub, { name: 'Render Co' });
  base = `/sites/${t.slug}`;
  siteId = await createSite(app, t.id, {
    name: `Acme ${XSS}`,
    theme: {
      colors: { primary: '#ff0000', accent: 'red;}</style><script>x()</script>', text: '#111' },
      font: 'serif',
    },
    navigation: [
      { label: 'Home', url: '/' },
      { label: 'About', url: '/about' },
      { label: 'Evil', url: 'javascript:alert(1)' },
    ],
  });
  const author = await addAuthor(app, t.id, 'Jane Writer', 'Jane writes about SEO.');
  const seo = await addCategory(app, t.id, siteId, 'SEO', 'seo');
  await addPage(app, t.id, siteId, {
    path: '/',
    title: 'Welcome home',
    blocks: [
      { id: 'h', type: 'heading', level: 1, text: `Hello ${XSS}` },
      { id: 'r', type: 'richText', html: '<p>We grow <a href="/about">your business</a>.</p>' },
      {
        id: 'c',
        type: 'cta',
        heading: 'Talk to us',
        text: 'Free audit',
        buttonLabel: 'Book',
        buttonUrl: '/contact',
        style: 'primary',
      },
      { id: 'q', type: 'quote', text: 'They doubled our leads', cite: `Kim ${XSS}` },
      {
        id: 'cols',
        type: 'columns',
        columns: [
          { blocks: [{ id: 'c1', type: 'heading', level: 3, text: 'Left' }] },
          { blocks: [{ id: 'c2', type: 'richText', html: '<p>Right</p>' }] },
        ],
      },
      { id: 'img', type: 'image', mediaId: '00000000-0000-7000-8000-000000000000', alt: 'gone' },
      { id: 'pg', type: 'productGrid', limit: 4, collection: 'summer' },
      {
        id: 'bad',
        type: 'cta',
        heading: 'x',
        buttonLabel: 'Bad link',
        buttonUrl: 'javascript:alert(2)',
        style: 'secondary',
      },
    ],
  });
  await addPage(app, t.id, siteId, {
    path: '/about',
    title: `About ${XSS}`,
    blocks: [{ id: 'r', type: 'richText', html: '<p>About us</p>' }],
  });
  await addPage(app, t.id, siteId, { path: '/secret', title: 'Draft only', status: 'draft' });
  await addPage(app, t.id, siteId, { path: '/gone', title: 'Unpublished', status: 'unpublished' });
  for (let i = 1; i <= 12; i++)
    await addPage(app, t.id, siteId, {
      path: `/blog/post-${i}`,
      title: `Post number ${i}`,
      excerpt: `Excerpt ${i}`,
      authorId: author,
      tags: i % 2 ? ['odd', 'all'] : ['even', 'all'],
      categoryIds: i <= 3 ? [seo] : [],
      publishedAt: new Date(Date.UTC(2026, 0, i)).toISOString(),
      blocks: [{ id: 'b', type: 'richText', html: `<p>Body of post ${i}</p>` }],
    });
});
afterAll(async () => app?.close());

describe('public site pages', () => {
  it('serves the home page as HTML without any script, themed and escaped', async () => {
    const res = await get(app, `${base}/`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body;
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('--c-primary:#ff0000');
    expect(html).toContain('--c-accent:#f59f00'); // the injected colour fell back to the default
    expect(html).toContain('<h1>Hello &lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;</h1>');
    expect(html).toContain('Acme &lt;script&gt;');
    expect(html).toContain(`<a href="${base}/about">your business</a>`);
    expect(html).toContain(`href="${base}/contact"`);
    expect(html).toContain('<blockquote><p>They doubled our leads</p></blockquote>');
    expect(html).toContain('class="columns" style="--cols:2"');
    expect(html).toContain('class="slot product-grid" data-collection="summer" data-limit="4"');
    expect(html).not.toContain('javascript:');
    expect(html).toMatch(/<main id="main">/);
    expect(html).toMatch(/<nav class="main" aria-label="Main">/);
    expect(html).toContain(`<link rel="canonical" href="http://localhost:`);
    expect(html).toContain('<meta property="og:title" content="Welcome home">');
    expect(html).toContain('<meta name="twitter:card" content="summary">');
    // only one h1: the page's own heading block
    expect(html.match(/<h1/g)?.length).toBe(1);
  });

  it('escapes titles in <title>, headings and OpenGraph', async () => {
    const res = await get(app, `${base}/about`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>About &lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp; · Acme');
    expect(res.body).toContain('<meta property="og:title" content="About &lt;script&gt;');
    expect(res.body).not.toMatch(/<script/i);
    expect(res.body).toContain(`<a href="${base}/about" aria-current="page">About</a>`);
  });

  it('never serves drafts or unpublished pages: themed 404', async () => {
    for (const path of ['/secret', '/gone', '/nothing-here']) {
      const res = await get(app, `${base}${path}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('<h1>Page not found</h1>');
      expect(res.body).toContain('--c-primary:#ff0000');
      expect(res.body).toContain('<meta name="robots" content="noindex, nofollow">');
      expect(res.body).not.toContain('Draft only');
    }
  });

  it('redirects /sites/<slug> and trailing slashes to one address', async () => {
    const a = await get(app, base);
    expect(a.statusCode).toBe(301);
    expect(a.headers.location).toBe(`${base}/`);
    const b = await get(app, `${base}/about/`);
    expect(b.statusCode).toBe(301);
    expect(b.headers.location).toBe(`${base}/about`);
    const c = await get(app, '/sites/no-such-tenant-here/');
    expect(c.statusCode).toBe(404);
    const encoded = `/sites/${t.slug.replace(/^b/, '%62')}/about`;
    expect((await get(app, encoded)).statusCode).toBe(404);
  });

  it('renders a post with author, date, categories, tags and article metadata', async () => {
    const res = await get(app, `${base}/blog/post-2`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Post number 2</h1>');
    expect(res.body).toContain('<time datetime="2026-01-02T00:00:00');
    expect(res.body).toContain('January 2, 2026');
    expect(res.body).toContain('by <span class="author-name">Jane Writer</span>');
    expect(res.body).toContain(`<a href="${base}/blog/category/seo">SEO</a>`);
    expect(res.body).toContain(`<a href="${base}/blog/tag/even" rel="tag">#even</a>`);
    expect(res.body).toContain('<meta property="og:type" content="article">');
    expect(res.body).toContain('Jane writes about SEO.');
  });

  it('lists posts newest first with pagination, by category and by tag', async () => {
    const p1 = await get(app, `${base}/blog`);
    expect(p1.statusCode).toBe(200);
    const titles = [...p1.body.matchAll(/<h2><a href="[^"]+">(Post number \d+)<\/a><\/h2>/g)].map(
      (m) => m[1],
    );
    expect(titles).toHaveLength(10);
    expect(titles[0]).toBe('Post number 12');
    expect(p1.body).toContain(`<a rel="next" href="${base}/blog/page/2">`);
    const p2 = await get(app, `${base}/blog/page/2`);
    expect(p2.statusCode).toBe(200);
    expect([...p2.body.matchAll(/Post number (\d+)<\/a>/g)].map((m) => m[1])).toEqual(['2', '1']);
    expect(p2.body).toContain(`<a rel="prev" href="${base}/blog">`);
    expect((await get(app, `${base}/blog/page/3`)).statusCode).toBe(404);
    const cat = await get(app, `${base}/blog/category/seo`);
    expect(cat.statusCode).toBe(200);
    expect([...cat.body.matchAll(/Post number (\d+)<\/a>/g)].map((m) => m[1])).toEqual(['3', '2', '1']);
    expect(cat.body).toContain('<h1 id="list-h">SEO</h1>');
    expect((await get(app, `${base}/blog/category/nope`)).statusCode).toBe(404);
    const tag = await get(app, `${base}/blog/tag/odd`);
    expect([...tag.body.matchAll(/Post number (\d+)<\/a>/g)].map((m) => m[1])).toEqual([
      '11',
      '9',
      '7',
      '5',
      '3',
      '1',
    ]);
    expect((await get(app, `${base}/blog/tag/none`)).statusCode).toBe(404);
  });

  it('answers HEAD like GET without a body', async () => {
    const res = await app.inject({ method: 'HEAD', url: `${base}/about` });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBeTruthy();
    expect(res.body).toBe('');
  });

  it('goes dark when its tenant is suspended', async () => {
    const other = await createTestTenant(app.hub, { name: 'Soon suspended' });
    const site = await createSite(app, other.id);
    await addPage(app, other.id, site, { path: '/', title: 'Still here' });
    expect((await get(app, `/sites/${other.slug}/`)).statusCode).toBe(200);
    await app.hub.db.admin.query(`update identity.tenants set status = 'suspended' where id = $1`, [
      other.id,
    ]);
    await notifyChanged(app, other.id);
    await eventually(async () => (await get(app, `/sites/${other.slug}/`)).statusCode === 404);
    expect((await get(app, `/sites/${other.slug}/`)).body).toContain('Site not found');
  });

  it("renders its own tenant's CRM form and never another tenant's", async () => {
    const other = await createTestTenant(app.hub, { name: 'Other forms' });
    const fields = [
      { key: 'email', label: 'E-mail <b>', type: 'email' as const, required: true, options: [] },
    ];
    const mine = await withTenant(app.hub.systemCtx(t.id), (ctx) =>
      createForm(ctx, { name: 'Mine', fields }),
    );
    const theirs = await withTenant(app.hub.systemCtx(other.id), (ctx) =>
      createForm(ctx, { name: 'Theirs', fields }),
    );
    await addPage(app, t.id, siteId, {
      path: '/forms',
      title: 'Forms',
      blocks: [
        { id: 'mine', type: 'form', formId: mine.publicId, heading: 'Write to us' },
        { id: 'theirs', type: 'form', formId: theirs.publicId },
      ],
    });
    const res = await get(app, `${base}/forms`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<form action="/api/brain/crm/forms/${mine.publicId}/submit" method="post">`);
    expect(res.body).toContain('E-mail &lt;b&gt;');
    expect(res.body).not.toContain(theirs.publicId);
    expect(res.body).toContain('This form is not available at the moment.');
  });
});
