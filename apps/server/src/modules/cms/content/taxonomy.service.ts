import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { conflict } from '../../../platform/errors.js';
import { uuidv7 } from '../../../platform/ids.js';
import { activeMembers } from '../../identity/index.js';
import { assertMedia, badField, notFound, slugify } from './common.js';
import { notifySiteChanged } from './site-changes.js';
import { getSite } from './sites.service.js';

export interface Category {
  id: string;
  siteId: string;
  name: string;
  slug: string;
  description: string;
  postCount: number;
  createdAt: string;
}
export interface Author {
  id: string;
  name: string;
  slug: string;
  bio: string;
  avatarMediaId: string | null;
  userId: string | null;
  createdAt: string;
  updatedAt: string;
}

const catCols = sql`c.id, c.site_id as "siteId", c.name, c.slug, c.description, c.created_at as "createdAt",
  (select count(*)::int from cms.page_categories pc where pc.category_id = c.id) as "postCount"`;

export async function listCategories(ctx: TenantCtx, siteId: string): Promise<Category[]> {
  await getSite(ctx, siteId);
  const { rows } = await exec<Category>(
    ctx.tx,
    sql`select ${catCols} from cms.categories c where c.site_id = ${siteId} order by c.name, c.id`,
  );
  return rows;
}

async function getCategory(ctx: TenantCtx, id: string): Promise<Category> {
  const { rows } = await exec<Category>(
    ctx.tx,
    sql`select ${catCols} from cms.categories c where c.id = ${id}`,
  );
  if (!rows[0]) throw notFound('Category', id, 'CMS.CATEGORY_NOT_FOUND');
  return rows[0];
}

async function slugFree(
  ctx: TenantCtx,
  table: 'categories' | 'authors',
  slug: string,
  siteId: string | null,
  except: string | null,
) {
  const { rowCount } = await exec(
    ctx.tx,
    table === 'categories'
      ? sql`select 1 from cms.categories where site_id = ${siteId} and slug = ${slug} and id is distinct from ${except}::uuid`
      : sql`select 1 from cms.authors where slug = ${slug} and id is distinct from ${except}::uuid`,
  );
  if (rowCount)
    throw conflict(
      'CMS.SLUG_TAKEN',
      `The slug ${slug} is already used by another ${table === 'categories' ? 'category of this site' : 'author'}`,
    );
}

type CategoryInput = { name?: string; slug?: string; description?: string };

export async function createCategory(
  ctx: TenantCtx,
  siteId: string,
  input: CategoryInput & { name: string },
) {
  await getSite(ctx, siteId);
  const slug = input.slug ?? slugify(input.name);
  await slugFree(ctx, 'categories', slug, siteId, null);
  const id = uuidv7();
  await exec(
    ctx.tx,
    sql`insert into cms.categories (tenant_id, id, site_id, name, slug, description)
      values (${ctx.tenantId}, ${id}, ${siteId}, ${input.name}, ${slug}, ${input.description ?? ''})`,
  );
  return getCategory(ctx, id);
}

export async function updateCategory(ctx: TenantCtx, id: string, patch: CategoryInput) {
  const c = await getCategory(ctx, id);
  if (patch.slug && patch.slug !== c.slug) await slugFree(ctx, 'categories', patch.slug, c.siteId, id);
  await exec(
    ctx.tx,
    sql`update cms.categories set name = ${patch.name ?? c.name}, slug = ${patch.slug ?? c.slug},
      description = ${patch.description ?? c.description} where id = ${id}`,
  );
  await notifySiteChanged(ctx, c.siteId);
  return getCategory(ctx, id);
}

export async function deleteCategory(ctx: TenantCtx, id: string) {
  const c = await getCategory(ctx, id);
  await exec(ctx.tx, sql`delete from cms.categories where id = ${id}`);
  await notifySiteChanged(ctx, c.siteId);
}

const authorCols = sql`id, name, slug, bio, avatar_media_id as "avatarMediaId", user_id as "userId",
  created_at as "createdAt", updated_at as "updatedAt"`;

export async function listAuthors(ctx: TenantCtx): Promise<Author[]> {
  const { rows } = await exec<Author>(ctx.tx, sql`select ${authorCols} from cms.authors order by name, id`);
  return rows;
}

async function getAuthor(ctx: TenantCtx, id: string): Promise<Author> {
  const { rows } = await exec<Author>(ctx.tx, sql`select ${authorCols} from cms.authors where id = ${id}`);
  if (!rows[0]) throw notFound('Author', id, 'CMS.AUTHOR_NOT_FOUND');
  return rows[0];
}

type AuthorInput = {
  name?: string;
  slug?: string;
  bio?: string;
  avatarMediaId?: string | null;
  userId?: string | null;
};

async function checkAuthorRefs(ctx: TenantCtx, input: AuthorInput) {
  if (input.avatarMediaId) await assertMedia(ctx, [{ id: input.avatarMediaId, field: 'body.avatarMediaId' }]);
  if (input.userId && !(await activeMembers(ctx, { userIds: [input.userId] })).length)
    throw badField('body.userId', 'is not a member of this tenant', 'CMS.USER_NOT_FOUND');
}

export async function createAuthor(ctx: TenantCtx, input: AuthorInput & { name: string }) {
  await checkAuthorRefs(ctx, input);
  const slug = input.slug ?? slugify(input.name);
  await slugFree(ctx, 'authors', slug, null, null);
  const id = uuidv7();
  await exec(
    ctx.tx,
    sql`insert into cms.authors (tenant_id, id, name, slug, bio, avatar_media_id, user_id)
      values (${ctx.tenantId}, ${id}, ${input.name}, ${slug}, ${input.bio ?? ''}, ${input.avatarMediaId ?? null}, ${input.userId ?? null})`,
  );
  return getAuthor(ctx, id);
}

export async function updateAuthor(ctx: TenantCtx, id: string, patch: AuthorInput) {
  const a = await getAuthor(ctx, id);
  await checkAuthorRefs(ctx, patch);
  if (patch.slug && patch.slug !== a.slug) await slugFree(ctx, 'authors', patch.slug, null, id);
  await exec(
    ctx.tx,
    sql`update cms.authors set name = ${patch.name ?? a.name}, slug = ${patch.slug ?? a.slug}, bio = ${patch.bio ?? a.bio},
      avatar_media_id = ${patch.avatarMediaId === undefined ? a.avatarMediaId : patch.avatarMediaId}::uuid,
      user_id = ${patch.userId === undefined ? a.userId : patch.userId}::uuid, updated_at = now() where id = ${id}`,
  );
  await notifySiteChanged(ctx, '*');
  return getAuthor(ctx, id);
}

export async function deleteAuthor(ctx: TenantCtx, id: string) {
  await getAuthor(ctx, id);
  await exec(ctx.tx, sql`delete from cms.authors where id = ${id}`);
  await notifySiteChanged(ctx, '*');
}
