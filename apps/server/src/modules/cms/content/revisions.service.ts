import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { uuidv7 } from '../../../platform/ids.js';
import { mediaRefs, type PageContent, sanitizeContent } from './blocks.schemas.js';
import { actorUserId, assertMedia, notFound } from './common.js';
import { type ContentDiff, diffContent } from './diff.js';
import { getPage, lockPage } from './pages.service.js';

export interface RevisionSummary {
  id: string;
  number: number;
  title: string;
  message: string;
  published: boolean;
  isLive: boolean;
  createdBy: string | null;
  createdAt: string;
}
export type Revision = RevisionSummary & { pageId: string; content: PageContent };

/** Appends revision n+1 of a page (the caller holds the page's row lock). */
export async function insertRevision(ctx: TenantCtx, pageId: string, content: PageContent, message: string) {
  const id = uuidv7();
  await exec(
    ctx.tx,
    sql`insert into cms.revisions (tenant_id, id, page_id, number, content, message, created_by)
      values (${ctx.tenantId}, ${id}, ${pageId},
        (select coalesce(max(number), 0) + 1 from cms.revisions where page_id = ${pageId}),
        ${JSON.stringify(content)}::jsonb, ${message}, ${actorUserId(ctx)})`,
  );
  return id;
}

/** Validated blocks, sanitised rich text, a new numbered revision; the draft becomes it. */
export async function saveDraft(
  ctx: TenantCtx,
  pageId: string,
  input: { content: PageContent; message?: string },
  opts: { checkMedia?: boolean } = {},
) {
  const row = await lockPage(ctx, pageId);
  const content = sanitizeContent(input.content);
  if (opts.checkMedia !== false) await assertMedia(ctx, mediaRefs(content));
  const json = JSON.stringify(content);
  await exec(
    ctx.tx,
    sql`update cms.pages set content = ${json}::jsonb, title = ${content.title},
      has_unpublished_changes = published is distinct from ${json}::jsonb, updated_at = now() where id = ${row.id}`,
  );
  await insertRevision(ctx, row.id, content, input.message ?? '');
  return getPage(ctx, row.id);
}

const revCols = sql`r.id, r.number, coalesce(r.content->>'title', '') as title, r.message, r.published,
  r.id is not distinct from p.live_revision_id as "isLive", r.created_by as "createdBy", r.created_at as "createdAt"`;

/** Newest first, at most `limit` (older ones with `beforeNumber`). */
export async function listRevisions(
  ctx: TenantCtx,
  pageId: string,
  o: { limit?: number; beforeNumber?: number } = {},
): Promise<RevisionSummary[]> {
  await getPageExists(ctx, pageId);
  const { rows } = await exec<RevisionSummary>(
    ctx.tx,
    sql`select ${revCols} from cms.revisions r join cms.pages p on p.id = r.page_id
      where r.page_id = ${pageId} and r.number < ${o.beforeNumber ?? 2_147_483_647}
      order by r.number desc limit ${o.limit ?? 100}`,
  );
  return rows;
}

async function getPageExists(ctx: TenantCtx, pageId: string) {
  const { rowCount } = await exec(ctx.tx, sql`select 1 from cms.pages where id = ${pageId}`);
  if (!rowCount) throw notFound('Page', pageId, 'CMS.PAGE_NOT_FOUND');
}

export async function getRevision(ctx: TenantCtx, pageId: string, revisionId: string): Promise<Revision> {
  await getPageExists(ctx, pageId);
  const { rows } = await exec<Revision>(
    ctx.tx,
    sql`select ${revCols}, r.page_id as "pageId", r.content from cms.revisions r join cms.pages p on p.id = r.page_id
      where r.id = ${revisionId} and r.page_id = ${pageId}`,
  );
  if (!rows[0]) throw notFound('Revision', revisionId, 'CMS.REVISION_NOT_FOUND');
  return rows[0];
}

export async function latestRevision(
  ctx: TenantCtx,
  pageId: string,
): Promise<{ id: string; content: PageContent }> {
  const { rows } = await exec<{ id: string; content: PageContent }>(
    ctx.tx,
    sql`select id, content from cms.revisions where page_id = ${pageId} order by number desc limit 1`,
  );
  if (!rows[0]) throw new AppError('CMS.NO_REVISION', 409, `Page ${pageId} has no revision to publish`);
  return rows[0];
}

/** Copies an old revision into the draft as a new revision (history is never rewritten). */
export async function restoreRevision(ctx: TenantCtx, pageId: string, revisionId: string) {
  const rev = await getRevision(ctx, pageId, revisionId);
  return saveDraft(
    ctx,
    pageId,
    { content: rev.content, message: `Restored revision ${rev.number}` },
    { checkMedia: false },
  );
}

export type DiffResult = ContentDiff & {
  from: { revisionId: string | null; number: number | null; live: boolean };
  to: { revisionId: string; number: number };
};

/**
 * The changes from `against` (a revision id, 'live' for the published snapshot, or by default
 * the revision before) to the given revision.
 */
export async function diffRevision(
  ctx: TenantCtx,
  pageId: string,
  revisionId: string,
  against?: string,
): Promise<DiffResult> {
  const rev = await getRevision(ctx, pageId, revisionId);
  let before: PageContent | null = null;
  let from: DiffResult['from'] = { revisionId: null, number: null, live: false };
  if (against === 'live') {
    const page = await getPage(ctx, pageId);
    if (!page.published)
      throw new AppError(
        'CMS.PAGE_NOT_LIVE',
        409,
        'The page is not live: there is nothing to compare against',
      );
    before = page.published;
    from = { revisionId: page.liveRevisionId, number: null, live: true };
    if (page.liveRevisionId) {
      const { rows } = await exec<{ number: number }>(
        ctx.tx,
        sql`select number from cms.revisions where id = ${page.liveRevisionId}`,
      );
      from.number = rows[0]?.number ?? null;
    }
  } else if (against) {
    const other = await getRevision(ctx, pageId, against);
    before = other.content;
    from = { revisionId: other.id, number: other.number, live: other.isLive };
  } else {
    const { rows } = await exec<{ id: string; number: number; content: PageContent; live: boolean }>(
      ctx.tx,
      sql`select r.id, r.number, r.content, r.id is not distinct from p.live_revision_id as live
        from cms.revisions r join cms.pages p on p.id = r.page_id
        where r.page_id = ${pageId} and r.number < ${rev.number} order by r.number desc limit 1`,
    );
    if (rows[0]) {
      before = rows[0].content;
      from = { revisionId: rows[0].id, number: rows[0].number, live: rows[0].live };
    }
  }
  return { ...diffContent(before, rev.content), from, to: { revisionId: rev.id, number: rev.number } };
}
