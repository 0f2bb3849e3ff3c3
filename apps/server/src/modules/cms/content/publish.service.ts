import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { addJob } from '../../../platform/jobs/jobs.js';
import { contentBodyText } from './block-text.js';
import type { PageContent } from './blocks.schemas.js';
import { badField, searchConfig } from './common.js';
import { getPage, lockPage, type PageRow } from './pages.service.js';
import { getRevision, latestRevision } from './revisions.service.js';
import { notifySiteChanged } from './site-changes.js';

export const SCHEDULE_TASK = 'cms.page.scheduled';
export type ScheduledAction = 'publish' | 'unpublish';
export const scheduleJobKey = (pageId: string, action: ScheduledAction) => `cms-page:${pageId}:${action}`;

/**
 * The page's search vector from its published snapshot: the title at weight A, the text of the
 * blocks, the excerpt and the SEO description at weight B, in the site locale's configuration
 * ('english' for en, 'simple' otherwise); null when the page is not live.
 */
export async function writeSearch(ctx: TenantCtx, pageId: string) {
  const { rows } = await exec<{ published: PageContent | null; locale: string }>(
    ctx.tx,
    sql`select p.published, s.locale from cms.pages p join cms.sites s on s.id = p.site_id where p.id = ${pageId}`,
  );
  const r = rows[0];
  if (!r) return;
  if (!r.published) {
    await exec(ctx.tx, sql`update cms.pages set search = null where id = ${pageId}`);
    return;
  }
  const cfg = searchConfig(r.locale);
  await exec(
    ctx.tx,
    sql`update cms.pages set search = setweight(to_tsvector(${cfg}::regconfig, ${r.published.title}), 'A')
      || setweight(to_tsvector(${cfg}::regconfig, ${contentBodyText(r.published)}), 'B') where id = ${pageId}`,
  );
}

/** Cancels the waiting job of a page's scheduled action (its task re-checks the page anyway). */
export const removeScheduledJob = (ctx: TenantCtx, pageId: string, action: ScheduledAction) =>
  exec(ctx.tx, sql`select platform.remove_job(${scheduleJobKey(pageId, action)})`);

function eventData(row: PageRow, extra: Record<string, unknown>) {
  return { pageId: row.id, siteId: row.siteId, kind: row.kind, path: row.path, ...extra };
}

/**
 * Publishes a revision (default: the newest, which is the draft): copies it into `published`,
 * marks it live, writes the search vector, emits cms.page.published and tells the public sites.
 */
export async function publishPage(
  ctx: TenantCtx,
  id: string,
  revisionId?: string,
  opts: { scheduled?: boolean } = {},
) {
  const row = await lockPage(ctx, id);
  const rev = revisionId ? await getRevision(ctx, id, revisionId) : await latestRevision(ctx, id);
  await exec(
    ctx.tx,
    sql`update cms.pages set published = ${JSON.stringify(rev.content)}::jsonb, status = 'published',
      published_at = now(), first_published_at = coalesce(first_published_at, now()), live_revision_id = ${rev.id},
      has_unpublished_changes = content is distinct from ${JSON.stringify(rev.content)}::jsonb,
      publish_at = null, updated_at = now() where id = ${id}`,
  );
  if (!opts.scheduled) await removeScheduledJob(ctx, id, 'publish');
  await exec(ctx.tx, sql`update cms.revisions set published = true where id = ${rev.id}`);
  await writeSearch(ctx, id);
  await emitEvent(
    ctx,
    'cms.page.published',
    eventData(row, { revisionId: rev.id, scheduled: !!opts.scheduled }),
    {
      type: 'cms.page',
      id,
    },
  );
  await notifySiteChanged(ctx, row.siteId);
  return getPage(ctx, id);
}

/**
 * Takes a live page off the site: published and search are cleared; the draft stays. Its live
 * descendants stay live unless `descendants` is set (as in Wagtail, where unpublishing a section
 * offers to take its child pages down with it); then they go in the same transaction, each with its
 * own event.
 */
export async function unpublishPage(
  ctx: TenantCtx,
  id: string,
  opts: { scheduled?: boolean; descendants?: boolean } = {},
) {
  const row = await lockPage(ctx, id);
  if (row.status !== 'published')
    throw new AppError('CMS.PAGE_NOT_LIVE', 409, `The page ${row.path} is not live`);
  const down: PageRow[] = [row];
  if (opts.descendants && row.kind === 'page') {
    const { rows } = await exec<PageRow>(
      ctx.tx,
      sql`with recursive sub as (
          select id from cms.pages where parent_id = ${id}
          union all
          select p.id from cms.pages p join sub on p.parent_id = sub.id
        )
        select p.id, p.site_id as "siteId", p.kind, p.parent_id as "parentId", p.position, p.slug, p.path, p.status
        from cms.pages p join sub using (id)
        where p.status = 'published'
        order by p.path for update of p`,
    );
    down.push(...rows);
  }
  const ids = down.map((p) => p.id);
  await exec(
    ctx.tx,
    sql`update cms.pages set published = null, search = null, status = 'unpublished', live_revision_id = null,
      has_unpublished_changes = true, unpublish_at = null, updated_at = now() where id = any(${sql.param(ids)}::uuid[])`,
  );
  for (const page of down) {
    const scheduled = page.id === id && !!opts.scheduled;
    if (!scheduled) await removeScheduledJob(ctx, page.id, 'unpublish');
    await emitEvent(ctx, 'cms.page.unpublished', eventData(page, { scheduled }), {
      type: 'cms.page',
      id: page.id,
    });
  }
  await notifySiteChanged(ctx, row.siteId);
  return { ...(await getPage(ctx, id)), unpublishedDescendants: down.length - 1 };
}

/**
 * Sets or clears the scheduled publish and unpublish times. Each set time is a graphile-worker
 * job keyed by page and action (setting it again replaces the job, clearing removes it).
 */
export async function schedulePage(
  ctx: TenantCtx,
  id: string,
  input: { publishAt: string | null; unpublishAt: string | null },
) {
  await lockPage(ctx, id);
  const now = Date.now();
  const publishAt = input.publishAt ? new Date(input.publishAt) : null;
  const unpublishAt = input.unpublishAt ? new Date(input.unpublishAt) : null;
  if (publishAt && publishAt.getTime() <= now) throw badField('body.publishAt', 'must be in the future');
  if (unpublishAt && unpublishAt.getTime() <= now)
    throw badField('body.unpublishAt', 'must be in the future');
  if (publishAt && unpublishAt && unpublishAt <= publishAt)
    throw badField('body.unpublishAt', 'must be after publishAt');
  await exec(
    ctx.tx,
    sql`update cms.pages set publish_at = ${publishAt?.toISOString() ?? null}::timestamptz,
      unpublish_at = ${unpublishAt?.toISOString() ?? null}::timestamptz, updated_at = now() where id = ${id}`,
  );
  for (const [action, at] of [
    ['publish', publishAt],
    ['unpublish', unpublishAt],
  ] as const) {
    if (at)
      await addJob(
        ctx,
        SCHEDULE_TASK,
        { pageId: id, action },
        { jobKey: scheduleJobKey(id, action), runAt: at },
      );
    else await removeScheduledJob(ctx, id, action);
  }
  return getPage(ctx, id);
}

/**
 * The scheduled job: acts only if the page still asks for this action now (a job left over
 * from an earlier schedule, or for a deleted page, does nothing).
 */
export async function runScheduled(ctx: TenantCtx, pageId: string, action: ScheduledAction) {
  const { rows } = await exec<{ due: boolean; live: boolean }>(
    ctx.tx,
    sql`select ${action === 'publish' ? sql`publish_at` : sql`unpublish_at`} <= now() + interval '1 second' as due,
      status = 'published' as live from cms.pages where id = ${pageId} for update`,
  );
  const r = rows[0];
  if (!r?.due) return 'stale' as const;
  if (action === 'publish') {
    await publishPage(ctx, pageId, undefined, { scheduled: true });
    return 'published' as const;
  }
  if (!r.live) {
    await exec(ctx.tx, sql`update cms.pages set unpublish_at = null where id = ${pageId}`);
    return 'not-live' as const;
  }
  await unpublishPage(ctx, pageId, { scheduled: true });
  return 'unpublished' as const;
}
