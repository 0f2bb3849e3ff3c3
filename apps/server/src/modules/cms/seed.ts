import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../platform/context.js';
import { exec, withTenant } from '../../platform/db/tenant.js';
import type { Hub } from '../../platform/hub.js';
import { createForm, findFormPublicId } from '../crm/index.js';
import { findTenantBySlug } from '../identity/index.js';
import type { PageContent } from './content/blocks.schemas.js';
import { createPage, updatePage } from './content/pages.service.js';
import { publishPage } from './content/publish.service.js';
import { saveDraft } from './content/revisions.service.js';
import { createSite, updateSite } from './content/sites.service.js';
import { createAuthor, createCategory } from './content/taxonomy.service.js';
import {
  ABOUT,
  AUTHOR,
  CATEGORIES,
  CONTACT_FORM,
  contactBlocks,
  HOME,
  POSTS,
  SERVICES,
  SITE,
} from './seed-content.js';

/** Bizoholic's "Contact us" CRM form: found by name, created when missing. */
async function contactFormId(ctx: TenantCtx): Promise<string> {
  // The CRM's demo seed (which runs first) makes it; created here only when the CRM seed did not.
  return (await findFormPublicId(ctx, CONTACT_FORM.name)) ?? (await createForm(ctx, CONTACT_FORM)).publicId;
}

async function page(
  ctx: TenantCtx,
  siteId: string,
  o: { kind?: 'page' | 'post'; slug: string; title: string; blocks: unknown[]; excerpt?: string },
) {
  const p = await createPage(ctx, { siteId, kind: o.kind ?? 'page', slug: o.slug, title: o.title });
  const content = { title: o.title, blocks: o.blocks, seo: {}, ...(o.excerpt ? { excerpt: o.excerpt } : {}) };
  await saveDraft(ctx, p.id, { content: content as PageContent, message: 'Demo content' });
  await publishPage(ctx, p.id);
  return p.id;
}

/**
 * Bizoholic's marketing site (idempotent: skipped when the agency already has a site): home,
 * services, about, contact (with the CRM's "Contact us" form) and a blog of three posts by one
 * author in three categories, all published through the content services.
 */
export async function seedDemoSite(hub: Hub) {
  const agency = await findTenantBySlug({ db: hub.db }, 'bizoholic');
  if (!agency) return;
  await withTenant(hub.systemCtx(agency.id, 'seed'), async (ctx) => {
    // One seeder at a time per tenant (hub start-up and the CLI may race).
    await exec(ctx.tx, sql`select pg_advisory_xact_lock(hashtext('cms.seed'), hashtext(${ctx.tenantId}))`);
    const { rows } = await exec(ctx.tx, sql`select 1 from cms.sites limit 1`);
    if (rows.length) return;
    const site = await createSite(ctx, { ...SITE, isPrimary: true });
    const home = await page(ctx, site.id, {
      slug: '',
      title: 'Bizoholic: marketing that pays for itself',
      blocks: HOME,
    });
    const services = await page(ctx, site.id, { slug: 'services', title: 'Services', blocks: SERVICES });
    const about = await page(ctx, site.id, { slug: 'about', title: 'About us', blocks: ABOUT });
    const contact = await page(ctx, site.id, {
      slug: 'contact',
      title: 'Contact us',
      blocks: contactBlocks(await contactFormId(ctx)),
    });
    const author = await createAuthor(ctx, AUTHOR);
    const categories = new Map<string, string>();
    for (const c of CATEGORIES) categories.set(c.slug, (await createCategory(ctx, site.id, c)).id);
    for (const p of POSTS) {
      const id = await page(ctx, site.id, {
        kind: 'post',
        slug: p.slug,
        title: p.title,
        blocks: p.blocks,
        excerpt: p.excerpt,
      });
      await updatePage(ctx, id, {
        tags: p.tags,
        authorId: author.id,
        categoryIds: [categories.get(p.category)!],
      });
      // Spread the demo posts over the last weeks.
      await exec(
        ctx.tx,
        sql`update cms.pages set first_published_at = now() - make_interval(days => ${p.daysAgo}),
          published_at = now() - make_interval(days => ${p.daysAgo}) where id = ${id}`,
      );
    }
    await updateSite(ctx, site.id, {
      navigation: [
        { label: 'Home', pageId: home },
        { label: 'Services', pageId: services },
        { label: 'About', pageId: about },
        { label: 'Blog', url: '/blog' },
        { label: 'Contact', pageId: contact },
      ],
    });
  });
}
