import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFormPublicId, parseFormPublicId } from '../src/modules/crm/index.js';
import { seedDemoCrm } from '../src/modules/crm/seed/demo-seed.js';
import { findTenantBySlug } from '../src/modules/identity/index.js';
import { systemCtx } from '../src/platform/context.js';
import { withTenant } from '../src/platform/db/tenant.js';
import { buildTestApp } from './helpers.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ SEED_DEMO: 'true' });
});
afterAll(async () => {
  await app?.close();
});

async function counts(tenantId: string) {
  const { rows } = await app.hub.db.admin.query(
    `select (select count(*) from crm.companies where tenant_id = $1)::int as companies,
       (select count(*) from crm.contacts where tenant_id = $1)::int as contacts,
       (select count(*) from crm.deals where tenant_id = $1)::int as deals,
       (select count(distinct stage_id) from crm.deals where tenant_id = $1)::int as stages,
       (select count(*) from crm.deals where tenant_id = $1 and status = 'won')::int as won,
       (select count(*) from crm.deals where tenant_id = $1 and status = 'lost')::int as lost,
       (select count(*) from crm.leads where tenant_id = $1)::int as leads,
       (select count(distinct source) from crm.leads where tenant_id = $1)::int as sources,
       (select array_agg(distinct type order by type) from crm.activities where tenant_id = $1) as activities,
       (select count(*) from crm.forms where tenant_id = $1)::int as forms`,
    [tenantId],
  );
  return rows[0];
}

const tenant = async (slug: string) => (await findTenantBySlug({ db: app.hub.db }, slug))!;
const ctxOf = (tenantId: string) => systemCtx(app.hub.db, app.hub.log, tenantId);

describe('demo CRM seed', () => {
  it('gives Bizoholic companies, contacts, a pipeline of deals, leads, activities and a Contact us form', async () => {
    const biz = await tenant('bizoholic');
    const c = await counts(biz.id);
    expect(c).toMatchObject({ companies: 12, contacts: 40, deals: 20, leads: 15, forms: 1 });
    expect(c.stages).toBeGreaterThanOrEqual(5);
    expect(c.won).toBeGreaterThan(0);
    expect(c.lost).toBeGreaterThan(0);
    expect(c.sources).toBeGreaterThanOrEqual(4);
    expect(c.activities).toEqual(['call', 'note', 'task']);
    for (const slug of ['coreldove', 'harbor-dental'])
      expect(await counts((await tenant(slug)).id)).toMatchObject({ companies: 12, contacts: 40, forms: 0 });
  });

  it('a second run adds nothing', async () => {
    const biz = await tenant('bizoholic');
    const before = await counts(biz.id);
    await seedDemoCrm(app.hub);
    expect(await counts(biz.id)).toEqual(before);
  });

  it("findFormPublicId finds Bizoholic's Contact us form, which accepts a submission, and nothing elsewhere", async () => {
    const biz = await tenant('bizoholic');
    const publicId = await withTenant(ctxOf(biz.id), (ctx) => findFormPublicId(ctx, 'Contact us'));
    expect(publicId).toBeTruthy();
    expect(parseFormPublicId(publicId!)?.tenantId).toBe(biz.id);
    const store = await tenant('coreldove');
    expect(await withTenant(ctxOf(store.id), (ctx) => findFormPublicId(ctx, 'Contact us'))).toBeNull();
    expect(await withTenant(ctxOf(biz.id), (ctx) => findFormPublicId(ctx, 'No such form'))).toBeNull();
    const res = await app.inject({
      method: 'POST',
      url: `/api/brain/crm/forms/${publicId}/submit`,
      payload: {
        first_name: 'Visitor',
        email: 'visitor@seed.test',
        message: 'Please call me',
        consent: true,
        page_url: 'https://bizoholic.example/contact',
      },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    const { rows } = await app.hub.db.admin.query(
      `select source from crm.leads where tenant_id = $1 and email = 'visitor@seed.test'`,
      [biz.id],
    );
    expect(rows).toHaveLength(1);
  });
});
