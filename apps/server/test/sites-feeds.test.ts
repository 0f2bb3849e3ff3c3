import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_LIMIT, sitesRuntime } from '../src/modules/sites/sites.routes.js';
import { bearer, inject } from './auth-helpers.js';
import { makePng, mediaUser, multipart } from './fixtures/media/media-fixtures.js';
import { buildTestApp } from './helpers.js';
import { addAuthor, addDomain, addPage, addRedirect, createSite, get, parseXml } from './sites-fixtures.js';

/** sitemap.xml, robots.txt, the RSS feed, site search, redirects, images, a second (non-primary) site. */
let app: FastifyInstance;
let tenantId: string;
let slug: string;
let siteId: string;
let base: string;
let mediaId: string;

beforeAll(async () => {
  app = await buildTestApp();
  const owner = await mediaUser(app);
  tenantId = owner.tenantId;
  slug = (await app.hub.db.admin.query('select slug from identity.tenants where id = $1', [tenantId])).rows[0]
    .slug;
  base = `/sites/${slug}`;
  const upload = multipart([
    { name: 'file', filename: 'team.png', type: 'image/png', data: await makePng(1200, 800) },
    { name: 'alt', value: 'Our team <b>at work</b>' },
  ]);
  const up = await inject(app, {
    method: 'POST',
    url: '/api/brain/cms/media',
    headers: { ...bearer(owner.token), ...upload.headers },
    payload: upload.payload,
  });
  expect(up.statusCode, up.body).toBe(201);
  mediaId = up.json().id;
  siteId = await createSite(app, tenantId, {
    name: 'Feed & Co',
    settings: { description: 'News & notes' },
    theme: { colors: { primary: '#123456' }, logoMediaId: mediaId },
  });
  const author = await addAuthor(app, tenantId, 'Sam Author');
  await addPage(app, tenantId, siteId, {
    path: '/',
    title: 'Home',
    blocks: [
      {
        id: 'i',
        type: 'image',
        mediaId,
        alt: `"><script>alert(1)</script>`,
        caption: 'The team',
        link: '/about',
      },
      { id: 'g', type: 'gallery', columns: 2, items: [{ mediaId }, { mediaId, alt: 'second' }] },
    ],
    seo: { ogImageMediaId: mediaId, description: 'Custom description' },
  });
  await addPage(app, tenantId, siteId, {
    path: '/about',
    title: 'About',
    blocks: [{ id: 'r', type: 'richText', html: '<p>We bake sourdough bread every morning.</p>' }],
  });
  await addPage(app, tenantId, siteId, { path: '/hidden', title: 'Hidden sourdough', status: 'draft' });
  await addPage(app, tenantId, siteId, {
    path: '/blog/bread',
    title: 'Why <sourdough> & rye',
    excerpt: 'Fermentation & flavour',
    authorId: author,
    tags: ['bread'],
    blocks: [
      {
        id: 'r',
        type: 'richText',
        html: '<p>Sourdough needs time. Sourdough needs patience. <strong>Sourdough</strong> wins.</p>',
      },
    ],
  });
  await addRedirect(app, tenantId, siteId, '/old-about', '/about', 301);
  await addRedirect(app, tenantId, siteId, '/shop', 'https://shop.example.com/', 302);
  const second = await createSite(app, tenantId, { name: 'Careers', handle: 'jobs', isPrimary: false });
  await addPage(app, tenantId, second, { path: '/', title: 'Join us', blocks: [] });
  await addDomain(app, tenantId, second, `jobs.${slug}.example`);
});
afterAll(async () => app?.close());

describe('feeds', () => {
  it('sitemap.xml lists live pages and posts with absolute URLs, never drafts', async () => {
    const res = await get(app, `${base}/sitemap.xml`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    const doc = parseXml(res.body);
    const locs = [...res.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toEqual(
      ['/', '/about', '/blog/bread', '/blog'].map((p) => `http://localhost:8001${base}${p}`),
    );
    expect(doc.children.some((n) => 'name' in n && n.name === 'urlset')).toBe(true);
    expect(res.body).toMatch(/<lastmod>\d{4}-\d\d-\d\dT/);
    expect(res.body).not.toContain('hidden');
  });

  it('robots.txt allows crawling and names the sitemap', async () => {
    const res = await get(app, `${base}/robots.txt`);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.body).toContain('User-agent: *');
    expect(res.body).toContain(`Sitemap: http://localhost:8001${base}/sitemap.xml`);
    const onDomain = await get(app, '/robots.txt', { host: `jobs.${slug}.example` });
    expect(onDomain.body).toContain(`Sitemap: http://jobs.${slug}.example/sitemap.xml`);
  });

  it('feed.xml is RSS 2.0 with escaped titles, links, dates and authors', async () => {
    const res = await get(app, `${base}/feed.xml`);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    parseXml(res.body);
    expect(res.body).toContain('<rss version="2.0"');
    expect(res.body).toContain('<title>Feed &amp; Co</title>');
    expect(res.body).toContain('<description>News &amp; notes</description>');
    expect(res.body).toContain('<title>Why &lt;sourdough&gt; &amp; rye</title>');
    expect(res.body).toContain(`<link>http://localhost:8001${base}/blog/bread</link>`);
    expect(res.body).toMatch(/<pubDate>\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT<\/pubDate>/);
    expect(res.body).toContain('<dc:creator>Sam Author</dc:creator>');
    expect((res.body.match(/<item>/g) ?? []).length).toBe(1);
  });
});

describe('images', () => {
  it('renders images with srcset and escaped alt text, and an absolute OpenGraph image', async () => {
    const res = await get(app, `${base}/`);
    const img =
      /<img src="([^"]+)" srcset="([^"]+)" sizes="[^"]+" width="1200" height="800" alt="([^"]*)"/.exec(
        res.body,
      );
    expect(img, res.body).not.toBeNull();
    expect(img![1]).toContain(`/media/${tenantId}/${mediaId}/`);
    expect(img![2]).toMatch(/\.webp \d+w/);
    expect(img![3]).toBe('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).toContain('alt="Our team &lt;b&gt;at work&lt;/b&gt;"'); // the media's own alt as fallback
    expect(res.body).toContain(`<a href="${base}/about"><img`);
    expect(res.body).toContain('<figcaption>The team</figcaption>');
    // The theme's logo, decorative beside the site's name.
    expect(res.body).toMatch(
      new RegExp(
        `<a class="brand" href="${base}/"><img src="/media/${tenantId}/${mediaId}/[^"]+" alt="" height="40"><span>Feed &amp; Co</span></a>`,
      ),
    );
    expect(res.body).toContain('class="gallery" style="--cols:2"');
    expect(res.body).toMatch(
      new RegExp(`<meta property="og:image" content="http://localhost:8001/media/${tenantId}/${mediaId}/`),
    );
    expect(res.body).toContain('<meta name="description" content="Custom description">');
    expect(res.body).not.toMatch(/<script/i);
    const file = await app.inject({ method: 'GET', url: img![1]! });
    expect(file.statusCode).toBe(200);
    // Media files keep answering on a custom domain (the site's pages link them by path).
    const onDomain = await app.inject({
      method: 'GET',
      url: img![1]!,
      headers: { host: `jobs.${slug}.example` },
    });
    expect(onDomain.statusCode).toBe(200);
    expect(onDomain.headers['content-type']).toBe('image/png');
  });
});

describe('site search', () => {
  it('finds published content only, ranked, with escaped highlighted snippets', async () => {
    const res = await get(app, `${base}/search?q=sourdough`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    const titles = [...res.body.matchAll(/<li><h2><a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(titles).toEqual([
      [`${base}/blog/bread`, 'Why &lt;sourdough&gt; &amp; rye'],
      [`${base}/about`, 'About'],
    ]);
    expect(res.body).toContain('<mark>Sourdough</mark>');
    expect(res.body).not.toContain('Hidden sourdough');
    expect(res.body).toContain('<meta name="robots" content="noindex, nofollow">');
  });

  it('shows text that rich text stores as entities escaped once in a snippet, not twice', async () => {
    await addPage(app, tenantId, siteId, {
      path: '/spices',
      title: 'Spices',
      blocks: [{ id: 'r', type: 'richText', html: '<p>Salt &amp; pepper, 3 &lt; 4, tastes&nbsp;great.</p>' }],
    });
    const res = await get(app, `${base}/search?q=pepper`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<p>Salt &amp; <mark>pepper</mark>, 3 &lt; 4, tastes great');
    expect(res.body).not.toContain('&amp;amp;');
    // The page's description (from its first text) is the same text, escaped once.
    expect((await get(app, `${base}/spices`)).body).toContain(
      '<meta name="description" content="Salt &amp; pepper, 3 &lt; 4, tastes great.">',
    );
  });

  it('echoes the query escaped and says when nothing matched', async () => {
    const res = await get(app, `${base}/search?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).toContain('value="&lt;img src=x onerror=alert(1)&gt;"');
    expect(res.body).toContain('Nothing found for');
  });
});

describe('search limits', () => {
  it('limits searches per client IP with a 429', async () => {
    // The limit counts in fixed windows: when a window ends during the loop the count restarts,
    // so the loop runs again from a fresh address (a window is far longer than the loop).
    const windowNow = () => Math.floor(Date.now() / 1000 / SEARCH_LIMIT.windowSeconds);
    let ip = '';
    let over: Awaited<ReturnType<typeof app.inject>> | undefined;
    for (let attempt = 0; attempt < 3 && !over; attempt++) {
      ip = `10.250.0.${9 + attempt}`;
      const search = () => app.inject({ method: 'GET', url: `${base}/search?q=bread`, remoteAddress: ip });
      const started = windowNow();
      const codes: number[] = [];
      for (let i = 0; i < SEARCH_LIMIT.max; i++) codes.push((await search()).statusCode);
      const last = await search();
      if (windowNow() !== started) continue;
      expect(codes).toEqual(Array(SEARCH_LIMIT.max).fill(200));
      over = last;
    }
    if (!over) throw new Error('no search window held the whole loop');
    expect(over.statusCode).toBe(429);
    expect(over.headers['retry-after']).toBeTruthy();
    // Pages are not searches: the same client still reads the site.
    expect((await app.inject({ method: 'GET', url: `${base}/about`, remoteAddress: ip })).statusCode).toBe(
      200,
    );
  });
});

describe('redirects and a second site', () => {
  it('redirects with the stored status and counts the hits', async () => {
    const a = await get(app, `${base}/old-about`);
    expect(a.statusCode).toBe(301);
    expect(a.headers.location).toBe(`${base}/about`);
    const b = await get(app, `${base}/shop`);
    expect(b.statusCode).toBe(302);
    expect(b.headers.location).toBe('https://shop.example.com/');
    await get(app, `${base}/old-about`);
    // Hits are counted in memory and written in batches (every 5 s, and when the hub stops).
    await sitesRuntime(app.hub)!.hits.flush();
    const { rows } = await app.hub.db.admin.query(
      'select from_path, hits from cms.redirects where site_id = $1 order by from_path',
      [siteId],
    );
    expect(rows).toEqual([
      { from_path: '/old-about', hits: 2 },
      { from_path: '/shop', hits: 1 },
    ]);
  });

  it('percent-encodes a redirect target that is not ASCII (a Location header carries ASCII only)', async () => {
    await addRedirect(app, tenantId, siteId, '/menu', '/speisekarte-über-uns', 301);
    await addRedirect(app, tenantId, siteId, '/tokyo', 'https://example.com/東京?q=ä', 302);
    const a = await get(app, `${base}/menu`);
    expect(a.statusCode, a.body).toBe(301);
    expect(a.headers.location).toBe(`${base}/speisekarte-%C3%BCber-uns`);
    const b = await get(app, `${base}/tokyo`);
    expect(b.statusCode, b.body).toBe(302);
    expect(b.headers.location).toBe('https://example.com/%E6%9D%B1%E4%BA%AC?q=%C3%A4');
  });

  it('serves a non-primary site at /sites/<slug>~<handle>/ and on its domain', async () => {
    const res = await get(app, `${base}~jobs/`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Join us</h1>');
    expect(res.body).toContain(`<link rel="canonical" href="https://jobs.${slug}.example/">`);
    expect((await get(app, '/', { host: `jobs.${slug}.example` })).body).toContain('<h1>Join us</h1>');
    expect((await get(app, `${base}~nope/`)).statusCode).toBe(404);
    // The primary site read through its handle names its shorter address as canonical.
    expect((await get(app, `${base}~main/about`)).body).toContain(
      `<link rel="canonical" href="http://localhost:8001${base}/about">`,
    );
    expect((await get(app, `${base}~jobs/about`)).statusCode).toBe(404);
  });
});
