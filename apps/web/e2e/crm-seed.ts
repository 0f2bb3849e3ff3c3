import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  bearer,
  createVerifiedUser,
  inject,
  passwordGrant,
  type TestUser,
} from '../../server/test/auth-helpers.js';
import type { Console } from './harness.js';

/* Demo data and API helpers for the CRM console's end-to-end tests (crm-records.e2e.test.ts). */

export type Crm = TestUser & { token: string };
export type Row = Record<string, unknown> & { id: string };

/** A signed-up owner of a fresh tenant (named like a real business) with a bearer token. */
export async function crmUser(c: Console): Promise<Crm> {
  const u = await createVerifiedUser(c.app);
  // Names a real business would have (they show in the screenshots).
  await c.app.hub.db.admin.query('update identity.users set name = $2 where id = $1', [
    u.userId,
    'Alex Morgan',
  ]);
  await c.app.hub.db.admin.query('update identity.tenants set name = $2 where id = $1', [
    u.tenantId,
    'Brightline Systems',
  ]);
  const { access_token } = await passwordGrant(c.app, u.email, u.password);
  return { ...u, token: access_token };
}

/** A CRM API call as the user; fails the test unless the status is 2xx. */
export async function call<T = Row>(
  c: Console,
  u: Crm,
  method: string,
  url: string,
  payload?: unknown,
): Promise<T> {
  const res = await inject(c.app, {
    method: method as 'GET',
    url: `/api/brain/crm${url}`,
    headers: bearer(u.token),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return (res.body ? res.json() : undefined) as T;
}

export const COMPANIES = [
  ['Northwind Traders', 'northwind.example', 'Wholesale', '51-200'],
  ['Bluebird Logistics', 'bluebird.example', 'Logistics', '201-1000'],
  ['Acme Dental Group', 'acmedental.example', 'Healthcare', '11-50'],
  ['Lumen Solar', 'lumensolar.example', 'Energy', '51-200'],
  ['Harbor & Pine Architects', 'harborpine.example', 'Architecture', '11-50'],
  ['Kettle Coffee Roasters', 'kettlecoffee.example', 'Food & beverage', '1-10'],
] as const;

// first, last, title, company index, tags, tier
export const CONTACTS = [
  ['Maya', 'Okafor', 'Head of Operations', 0, ['vip', 'decision-maker'], 'gold'],
  ['Liam', 'Schneider', 'Procurement Manager', 0, ['newsletter'], 'silver'],
  ['Priya', 'Raman', 'COO', 1, ['vip'], 'gold'],
  ['Tomás', 'García', 'Fleet Director', 1, ['decision-maker'], 'silver'],
  ['Hannah', 'Lee', 'Practice Manager', 2, ['vip'], 'bronze'],
  ['Noah', 'Williams', 'Office Administrator', 2, [], 'bronze'],
  ['Aisha', 'Bello', 'CFO', 3, ['vip', 'decision-maker'], 'gold'],
  ['Jonas', 'Berg', 'Project Engineer', 3, ['newsletter'], 'silver'],
  ['Chloe', 'Martin', 'Principal Architect', 4, ['decision-maker'], 'gold'],
  ['Sam', 'Patel', 'Owner', 5, ['vip'], 'silver'],
  ['Elena', 'Rossi', 'Marketing Lead', 5, ['newsletter'], 'bronze'],
  ['Daniel', 'Kim', 'IT Manager', 1, [], 'silver'],
] as const;

// name, company index, amount, stage, close in days
export const DEALS = [
  ['Warehouse scanners rollout', 0, 48_000, 'Lead', 40],
  ['Fleet telematics renewal', 1, 126_000, 'Qualified', 25],
  ['Clinic booking system', 2, 18_500, 'Qualified', 30],
  ['Solar farm monitoring', 3, 92_000, 'Proposal', 18],
  ['Studio CAD licences', 4, 24_000, 'Proposal', 12],
  ['Café loyalty app', 5, 7_800, 'Negotiation', 6],
  ['Route optimisation pilot', 1, 35_000, 'Lead', 55],
  ['Annual support plan', 0, 15_000, 'Negotiation', 3],
  ['Dental imaging upgrade', 2, 41_000, 'Won', -5],
] as const;

// first, last, email, company, title, source
export const LEADS = [
  ['Olivia', 'Chen', 'olivia.chen@meridianhotels.example', 'Meridian Hotels', 'Director of IT', 'website'],
  ['Marcus', 'Johnson', 'marcus@gmail.com', null, 'Freelancer', 'event'],
  ['Sofia', 'Andersson', 'sofia@nordicfoods.example', 'Nordic Foods', 'Head of Supply Chain', 'website'],
  ['Raj', 'Mehta', 'raj.mehta@citycare.example', 'CityCare Clinics', 'Operations Manager', 'referral'],
  ['Emily', 'Brown', 'emily@hotmail.com', null, 'Student', 'ads'],
] as const;

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

export interface Seed {
  companies: Row[];
  contacts: Row[];
  deals: Row[];
  stages: { id: string; name: string }[];
  leads: Row[];
}

/** A small, realistic CRM: companies, contacts (tags, a custom tier), a pipeline of deals, activities. */
export async function seed(c: Console, u: Crm): Promise<Seed> {
  await call(c, u, 'POST', '/custom-fields', {
    entity: 'contact',
    key: 'tier',
    label: 'Tier',
    type: 'select',
    options: ['gold', 'silver', 'bronze'],
  });
  const companies: Row[] = [];
  for (const [name, domain, industry, size] of COMPANIES)
    companies.push(
      await call(c, u, 'POST', '/companies', { name, domain, industry, size, ownerId: u.userId }),
    );
  const contacts: Row[] = [];
  for (const [i, [firstName, lastName, jobTitle, ci, tags, tier]] of CONTACTS.entries())
    contacts.push(
      await call(c, u, 'POST', '/contacts', {
        firstName,
        lastName,
        jobTitle,
        emails: [`${firstName.toLowerCase().replace('á', 'a')}@${COMPANIES[ci][1]}`],
        phones: [`+1 415 555 01${String(i).padStart(2, '0')}`],
        companyId: companies[ci]!.id,
        tags: [...tags],
        ownerId: u.userId,
        source: 'referral',
        custom: { tier },
      }),
    );
  const { items } = await call<{ items: { id: string; stages: { id: string; name: string }[] }[] }>(
    c,
    u,
    'GET',
    '/pipelines',
  );
  const stages = items[0]!.stages;
  const deals: Row[] = [];
  for (const [name, ci, amount, stage, days] of DEALS) {
    const d = await call(c, u, 'POST', '/deals', {
      name,
      amount,
      companyId: companies[ci]!.id,
      contactId: contacts.find((x) => x.companyId === companies[ci]!.id)?.id,
      ownerId: u.userId,
      expectedCloseDate: inDays(days),
      stageId: stages.find((s) => s.name === stage)!.id,
    });
    deals.push(d);
  }
  await call(c, u, 'POST', '/scoring/rules', {
    kind: 'fit',
    label: 'Names a company',
    condition: { field: 'company_name', op: 'present' },
    points: 40,
  });
  await call(c, u, 'POST', '/scoring/rules', {
    kind: 'fit',
    label: 'Decision maker title',
    condition: { field: 'job_title', op: 'contains', value: 'Head' },
    points: 35,
  });
  await call(c, u, 'POST', '/scoring/rules', {
    kind: 'fit',
    label: 'Came through the website',
    condition: { field: 'source', op: 'equals', value: 'website' },
    points: 15,
  });
  const leads: Row[] = [];
  for (const [firstName, lastName, email, companyName, jobTitle, source] of LEADS) {
    const l = await call(c, u, 'POST', '/leads', {
      firstName,
      lastName,
      email,
      companyName,
      jobTitle,
      source,
    });
    await call(c, u, 'POST', `/scoring/leads/${l.id}`);
    leads.push(l);
  }
  return { companies, contacts, deals, stages, leads };
}

export async function center(page: Page, selector: string) {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, top: box.y };
}

/** Picks an option of a Mantine Select by its label. */
export async function pick(page: Page, label: string, option: string, scope = page.locator('body')) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The status a GET of a CRM record answers the user (404 once it is deleted). */
export async function statusOf(c: Console, u: Crm, url: string) {
  const res = await inject(c.app, { method: 'GET', url: `/api/brain/crm${url}`, headers: bearer(u.token) });
  return res.statusCode;
}

/** Clicks "Export CSV" and reads the download: the file name it suggests and its lines. */
export async function exportCsv(page: Page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const lines = fs
    .readFileSync((await download.path())!, 'utf8')
    .trim()
    .split(/\r?\n/);
  return { filename: download.suggestedFilename(), lines };
}
