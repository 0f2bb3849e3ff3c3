import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type CrmUser, crmUser, ok } from './crm-fixtures.js';
import { buildTestApp } from './helpers.js';

export { ok };
export type CmsUser = CrmUser & {
  api(method: string, path: string, payload?: unknown): Promise<LightMyRequestResponse>;
};

const withCmsApi = (u: CrmUser): CmsUser => ({
  ...u,
  api: (method, path, payload) => u.call(method, `/api/brain/cms${path}`, payload),
});

/** An owner of a fresh tenant calling /api/brain/cms. */
export async function cmsUser(app: FastifyInstance): Promise<CmsUser> {
  return withCmsApi(await crmUser(app));
}

/** A member of a fresh tenant with the viewer role (cms:read only). */
export async function cmsViewer(app: FastifyInstance): Promise<CmsUser> {
  return withCmsApi(await crmUser(app, 'viewer'));
}

export interface CmsTenants {
  app: FastifyInstance;
  /** The owner of tenant A. */
  a: CmsUser;
  /** The owner of tenant B, for the isolation cases. */
  b: CmsUser;
  /** A site of tenant A (its first, so its primary one); '' when `site: false`. */
  siteId: string;
}

/** A test hub (with `env`), the owners of two fresh tenants and, unless `site: false`, a site of A. */
export async function cmsTenants(
  opts: { env?: Record<string, string>; site?: boolean } = {},
): Promise<CmsTenants> {
  const app = await buildTestApp(opts.env);
  const [a, b] = await Promise.all([cmsUser(app), cmsUser(app)]);
  const siteId = opts.site === false ? '' : (await makeSite(a)).id;
  return { app, a, b, siteId };
}

let n = 0;
export const uniq = (p = 's') => `${p}-${process.pid.toString(36)}-${(n++).toString(36)}`;

export async function makeSite(u: CmsUser, body: Record<string, unknown> = {}) {
  return ok<{ id: string; isPrimary: boolean; handle: string }>(
    await u.api('POST', '/sites', { name: 'Site', handle: uniq('site'), ...body }),
    201,
  );
}

export interface PageJson {
  id: string;
  siteId: string;
  parentId: string | null;
  position: number;
  slug: string;
  path: string;
  title: string;
  kind: 'page' | 'post';
  status: string;
  hasUnpublishedChanges: boolean;
  content: {
    title: string;
    blocks: Record<string, unknown>[];
    seo: Record<string, unknown>;
    excerpt?: string;
  };
  published: PageJson['content'] | null;
  draftRevisionId: string;
  liveRevisionId: string | null;
  publishedAt: string | null;
  firstPublishedAt: string | null;
  publishAt: string | null;
  unpublishAt: string | null;
  categories: { id: string; name: string; slug: string }[];
  tags: string[];
  authorId: string | null;
}

export async function makePage(
  u: CmsUser,
  siteId: string,
  slug: string,
  extra: Record<string, unknown> = {},
): Promise<PageJson> {
  return ok<PageJson>(
    await u.api('POST', '/pages', { siteId, slug, title: `Title ${slug || 'home'}`, ...extra }),
    201,
  );
}

export const content = (
  title: string,
  blocks: Record<string, unknown>[] = [],
  more: Record<string, unknown> = {},
) => ({
  title,
  blocks,
  seo: {},
  ...more,
});

export async function saveDraft(u: CmsUser, pageId: string, c: unknown, message?: string) {
  return ok<PageJson>(await u.api('PUT', `/pages/${pageId}/draft`, { content: c, message }));
}

/** Paths of the site's pages by id. */
export async function tree(u: CmsUser, siteId: string) {
  const { items } = ok<{
    items: { id: string; parentId: string | null; position: number; path: string; slug: string }[];
  }>(await u.api('GET', `/sites/${siteId}/pages?kind=page`));
  return items;
}

/** Runs SQL as the owner (bypasses RLS) for assertions about stored rows. */
export async function q<T = Record<string, unknown>>(
  app: FastifyInstance,
  text: string,
  params: unknown[] = [],
) {
  const { rows } = await app.hub.db.admin.query(text, params);
  return rows as T[];
}

export function expectField(res: LightMyRequestResponse, status: number, field: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.body).toContain(field);
}
