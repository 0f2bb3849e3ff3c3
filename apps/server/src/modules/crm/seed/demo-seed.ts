import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec, withTenant } from '../../../platform/db/tenant.js';
import type { Hub } from '../../../platform/hub.js';
import { activeMembers, findTenantBySlug } from '../../identity/index.js';
import { createActivity } from '../activities/activities.service.js';
import { createCompany } from '../companies/companies.service.js';
import { createContact } from '../contacts/contacts.service.js';
import { closeDeal } from '../deals/deal-move.service.js';
import { createDeal } from '../deals/deals.service.js';
import { ensureDefaultPipeline, getPipeline } from '../deals/pipelines.service.js';
import { createForm } from '../forms/forms.service.js';
import { createLead } from '../leads/leads.service.js';
import {
  CONTACT_FORM,
  DEMO_FLAVOURS,
  type DemoFlavour,
  FIRST_NAMES,
  LAST_NAMES,
  LOST_REASONS,
  TITLES,
} from './demo-data.js';

const DAY = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
const isoAt = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString();
const LEAD_STATUSES = ['new', 'new', 'contacted', 'qualified', 'unqualified'] as const;

/**
 * The demo tenants' CRM (Bizoholic, CorelDove, Harbor Dental): 12 companies, 40 contacts, a sales
 * pipeline with 20 deals over its stages (some won, some lost), 15 leads with sources (scored by
 * the scoring job), notes, tasks and calls; Bizoholic also gets its "Contact us" lead form.
 * Idempotent: a tenant that already has the demo companies (external id demo-company-1) is left
 * alone; one transaction per tenant under an advisory lock, so two starting hubs seed once.
 */
export async function seedDemoCrm(hub: Hub): Promise<void> {
  for (const flavour of DEMO_FLAVOURS) {
    const tenant = await findTenantBySlug({ db: hub.db }, flavour.slug);
    if (!tenant) continue;
    const base = {
      tenantId: tenant.id,
      actor: { kind: 'system' as const, name: 'demo-seed' },
      log: hub.log,
      db: hub.db,
    };
    await withTenant(base, async (ctx) => {
      await exec(ctx.tx, sql`select pg_advisory_xact_lock(hashtext(${`crm-demo-seed:${tenant.id}`}))`);
      const { rows } = await exec(
        ctx.tx,
        sql`select 1 from crm.companies where external_id = 'demo-company-1'`,
      );
      if (rows.length) return;
      await seedTenant(ctx, flavour);
      hub.log.info({ module: 'crm', tenant: flavour.slug }, 'demo CRM data seeded');
    });
  }
}

async function seedTenant(ctx: TenantCtx, f: DemoFlavour) {
  const members = await activeMembers(ctx);
  const owners = members.length ? members.map((m) => m.userId) : [null];
  const ownerOf = (i: number) => owners[i % owners.length] ?? null;

  const companies = [];
  for (const [i, [name, domain, industry, size]] of f.companies.entries())
    companies.push(
      await createCompany(ctx, {
        name,
        domain,
        industry,
        size,
        phone: `+1 555 01${String(i).padStart(2, '0')}`,
        tags: i % 3 === 0 ? ['key-account'] : [],
        ownerId: ownerOf(i),
        externalId: `demo-company-${i + 1}`,
      }),
    );

  const contacts = [];
  for (let i = 0; i < 40; i++) {
    const first = FIRST_NAMES[i % FIRST_NAMES.length]!;
    const last = LAST_NAMES[(i * 7) % LAST_NAMES.length]!;
    const company = companies[i % companies.length]!;
    contacts.push(
      await createContact(ctx, {
        firstName: first,
        lastName: last,
        emails: [
          `${first}.${last}`
            .toLowerCase()
            .normalize('NFD')
            .replace(/[^a-z.]/g, '') + `@${company.domain}`,
        ],
        phones: i % 2 ? [`+1 555 02${String(i).padStart(2, '0')}`] : [],
        jobTitle: TITLES[i % TITLES.length]!,
        source: f.leadSources[i % f.leadSources.length]!,
        tags: i % 5 === 0 ? ['decision-maker'] : i % 4 === 0 ? ['newsletter'] : [],
        ownerId: ownerOf(i),
        companyId: company.id,
        externalId: `demo-contact-${i + 1}`,
      }),
    );
  }

  const pipelineId = await ensureDefaultPipeline(ctx);
  const stages = (await getPipeline(ctx, pipelineId)).stages.filter((s) => s.kind === 'open');
  for (let i = 0; i < 20; i++) {
    const company = companies[i % companies.length]!;
    const contact = contacts[i % contacts.length]!;
    const deal = await createDeal(ctx, {
      name: `${company.name}: ${f.offers[i % f.offers.length]}`,
      pipelineId,
      stageId: stages[i % stages.length]!.id,
      amount: 1500 + ((i * 3779) % 24_000),
      currency: f.currency,
      expectedCloseDate: isoDay(7 + ((i * 11) % 80)),
      contactId: contact.id,
      companyId: company.id,
      ownerId: ownerOf(i),
    });
    if (i % 7 === 3) await closeDeal(ctx, deal.id, 'won');
    else if (i % 7 === 5) await closeDeal(ctx, deal.id, 'lost', LOST_REASONS[i % LOST_REASONS.length]!);
    await createActivity(ctx, {
      type: 'note',
      subject: 'Discovery notes',
      body: `Needs: ${f.offers[(i + 1) % f.offers.length]}. Decision expected within the quarter.`,
      dealId: deal.id,
      contactId: contact.id,
      occurredAt: isoAt(-((i * 3) % 30) - 1),
    });
    if (i % 2 === 0)
      await createActivity(ctx, {
        type: 'task',
        subject: `Send proposal to ${contact.firstName}`,
        dueAt: isoAt((i % 10) - 3),
        assigneeId: ownerOf(i),
        done: i % 4 === 0,
        dealId: deal.id,
      });
    if (i % 3 === 0)
      await createActivity(ctx, {
        type: 'call',
        subject: `Call with ${contact.firstName} ${contact.lastName}`,
        durationMinutes: 15 + (i % 4) * 10,
        occurredAt: isoAt(-(i % 14) - 1),
        contactId: contact.id,
        companyId: company.id,
      });
  }

  for (let i = 0; i < 15; i++) {
    const first = FIRST_NAMES[(i * 3 + 5) % FIRST_NAMES.length]!;
    const last = LAST_NAMES[(i * 5 + 2) % LAST_NAMES.length]!;
    const lead = await createLead(ctx, {
      firstName: first,
      lastName: last,
      email:
        `${first}.${last}`
          .toLowerCase()
          .normalize('NFD')
          .replace(/[^a-z.]/g, '') + `${i}@example.com`,
      companyName: i % 3 ? `${last} & Co` : null,
      jobTitle: TITLES[(i + 2) % TITLES.length]!,
      source: f.leadSources[i % f.leadSources.length]!,
      status: LEAD_STATUSES[i % LEAD_STATUSES.length]!,
      pageUrl: i % 2 ? `https://${f.slug}.example/contact` : null,
      tags: i % 4 === 0 ? ['hot'] : [],
      ownerId: ownerOf(i),
    });
    if (i % 3 === 1)
      await createActivity(ctx, {
        type: 'call',
        subject: `Intro call with ${first}`,
        durationMinutes: 20,
        occurredAt: isoAt(-i),
        leadId: lead.id,
      });
  }

  if (f.contactForm) await createForm(ctx, { ...CONTACT_FORM, notifyUserId: ownerOf(0), active: true });
}
