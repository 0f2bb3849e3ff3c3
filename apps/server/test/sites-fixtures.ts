import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { parseDocument } from 'htmlparser2';
import { expect } from 'vitest';
import { uuidv7 } from '../src/platform/ids.js';

/**
 * Fixtures for the public-site tests: sites, pages and posts written straight into the database
 * with the owner pool, as a publish would leave them (status 'published', `published` snapshot,
 * search vector). Tests of the publish path itself go through the content API.
 */

export type Block = Record<string, unknown>;
export interface PageSpec {
  path: string;
  title: string;
  blocks?: Block[];
  kind?: 'page' | 'post';
  excerpt?: string;
  tags?: string[];
  authorId?: string;
  categoryIds?: string[];
  status?: 'published' | 'draft' | 'unpublished';
  /** The working draft, when it differs from what is live. */
  draft?: { title: string; blocks: Block[] };
  publishedAt?: string;
  seo?: Record<string, string>;
}

export async function createSite(
  app: FastifyInstance,
  tenantId: string,
  o: {
    handle?: string;
    name?: string;
    isPrimary?: boolean;
    theme?: object;
    navigation?: object[];
    settings?: object;
  } = {},
) {
  const id = uuidv7();
  await app.hub.db.admin.query(
    `insert into cms.sites (tenant_id, id, name, handle, is_primary, theme, navigation, settings) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      tenantId,
      id,
      o.name ?? 'Test Site',
      o.handle ?? 'main',
      o.isPrimary ?? true,
      JSON.stringify(o.theme ?? { colors: { primary: '#123456' } }),
      JSON.stringify(o.navigation ?? []),
      JSON.stringify(o.settings ?? { description: 'A test site' }),
    ],
  );
  return id;
}

export async function addPage(app: FastifyInstance, tenantId: string, siteId: string, p: PageSpec) {
  const id = uuidv7();
  const kind = p.kind ?? (p.path.startsWith('/blog/') ? 'post' : 'page');
  const content = { title: p.title, blocks: p.blocks ?? [], seo: p.seo ?? {}, excerpt: p.excerpt };
  const status = p.status ?? 'published';
  const live = status === 'published';
  const slug = p.path === '/' ? '' : p.path.split('/').pop()!;
  const text = [p.title, p.excerpt ?? '', JSON.stringify(p.blocks ?? [])].join(' ');
  await app.hub.db.admin.query(
    `insert into cms.pages (tenant_id, id, site_id, kind, slug, path, title, content, published, status, has_unpublished_changes,
       published_at, first_published_at, author_id, tags, search)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, false, $11, $11, $12, $13,
       case when $9::jsonb is null then null else to_tsvector('english', $14) end)`,
    [
      tenantId,
      id,
      siteId,
      kind,
      slug,
      p.path,
      p.title,
      JSON.stringify(p.draft ? { ...content, ...p.draft } : content),
      live ? JSON.stringify(content) : null,
      status,
      live ? (p.publishedAt ?? new Date().toISOString()) : null,
      p.authorId ?? null,
      p.tags ?? [],
      text,
    ],
  );
  for (const c of p.categoryIds ?? [])
    await app.hub.db.admin.query(
      `insert into cms.page_categories (tenant_id, page_id, category_id) values ($1, $2, $3)`,
      [tenantId, id, c],
    );
  return id;
}

export async function addAuthor(app: FastifyInstance, tenantId: string, name: string, bio = '') {
  const id = uuidv7();
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  await app.hub.db.admin.query(
    `insert into cms.authors (tenant_id, id, name, slug, bio) values ($1, $2, $3, $4, $5)`,
    [tenantId, id, name, slug, bio],
  );
  return id;
}

export async function addCategory(
  app: FastifyInstance,
  tenantId: string,
  siteId: string,
  name: string,
  slug: string,
) {
  const id = uuidv7();
  await app.hub.db.admin.query(
    `insert into cms.categories (tenant_id, id, site_id, name, slug, description) values ($1, $2, $3, $4, $5, $6)`,
    [tenantId, id, siteId, name, slug, `All about ${name}`],
  );
  return id;
}

/**
 * A custom domain, already verified (for tests that are not about DNS verification; those go
 * through the API in cms-domains-verify.test.ts).
 */
export async function addDomain(app: FastifyInstance, tenantId: string, siteId: string, host: string) {
  await app.hub.db.admin.query(
    `insert into cms.domains (tenant_id, id, site_id, host, verification_token, verified_at)
     values ($1, $2, $3, $4, $5, now())`,
    [tenantId, uuidv7(), siteId, host, randomBytes(24).toString('base64url')],
  );
}

/** Marks a domain added through the API as verified, as a successful DNS check would. */
export async function markDomainVerified(app: FastifyInstance, tenantId: string, host: string) {
  const { rowCount } = await app.hub.db.admin.query(
    `update cms.domains set verified_at = now() where tenant_id = $1 and host = $2`,
    [tenantId, host],
  );
  expect(rowCount).toBe(1);
  await notifyChanged(app, tenantId);
}

export async function addRedirect(
  app: FastifyInstance,
  tenantId: string,
  siteId: string,
  fromPath: string,
  toUrl: string,
  statusCode = 301,
) {
  const id = uuidv7();
  await app.hub.db.admin.query(
    `insert into cms.redirects (tenant_id, id, site_id, from_path, to_url, status_code) values ($1, $2, $3, $4, $5, $6)`,
    [tenantId, id, siteId, fromPath, toUrl, statusCode],
  );
  return id;
}

/** What the content API does on commit: tell every hub process the site changed. */
export async function notifyChanged(app: FastifyInstance, tenantId: string, siteId = '*') {
  await app.hub.db.admin.query(`select pg_notify('cms_site_changed', $1)`, [`${tenantId}:${siteId}`]);
}

export const get = (app: FastifyInstance, url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });

/** Parses XML strictly enough for a test: well-formed nesting, one root; returns the document. */
export function parseXml(xml: string) {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  const stack: string[] = [];
  const body = xml.replace(/<\?xml[^>]*\?>/, '');
  for (const m of body.matchAll(/<(\/?)([A-Za-z][\w:.-]*)([^>]*?)(\/?)>/g)) {
    const [, close, name, , self] = m;
    if (self) continue;
    if (close) expect(stack.pop()).toBe(name);
    else stack.push(name!);
  }
  expect(stack).toEqual([]);
  expect(body).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i);
  return parseDocument(xml, { xmlMode: true });
}

/** Waits until fn() is true (LISTEN/NOTIFY is asynchronous; a loaded CI machine may take seconds). */
export async function eventually(fn: () => Promise<boolean> | boolean, ms = 10_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition not met in time');
}
