import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { bearer, createVerifiedUser, inject, passwordGrant } from './auth-helpers.js';
import { type CrmUser, crmUser, ok } from './crm-fixtures.js';

export { ok };
export type CmsUser = CrmUser & {
  api(method: string, path: string, payload?: unknown): Promise<LightMyRequestResponse>;
};

/** An owner of a fresh tenant calling /api/brain/cms. */
export async function cmsUser(app: FastifyInstance): Promise<CmsUser> {
  const u = await crmUser(app);
  return { ...u, api: (method, path, payload) => u.call(method, `/api/brain/cms${path}`, payload) };
}

/** A member of a fresh tenant with the viewer role (cms:read only). */
export async function cmsViewer(app: FastifyInstance): Promise<CmsUser> {
  const v = await createVerifiedUser(app);
  await app.hub.db.admin.query(`update identity.memberships set role = 'viewer' where user_id = $1`, [
    v.userId,
  ]);
  const { access_token: token } = await passwordGrant(app, v.email, v.password);
  const call: CrmUser['call'] = (method, url, payload) =>
    inject(app, {
      method: method as 'GET',
      url,
      headers: bearer(token),
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return {
    userId: v.userId,
    tenantId: v.tenantId,
    token,
    call,
    api: (method, path, payload) => call(method, `/api/brain/cms${path}`, payload),
  };
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
