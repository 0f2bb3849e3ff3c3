import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { api, type CrmUser, crmUser, json } from '../../server/test/crm-deals-fixtures.js';

/** Data for the CRM tools e2e: the import file, and realistic deals, leads, activities and members. */

/** Six contacts; line 4 has a bad e-mail and line 6 neither a name nor an e-mail. */
export const CSV = `Customer ID,First Name,Last Name,Email,Phone,Job Title,City,Tags,Notes
C-1001,Amira,Haddad,amira.haddad@northwind.test,+44 20 7946 0101,Head of Marketing,London,vip;newsletter,met at the expo
C-1002,Lukas,Schneider,lukas@bergmann.test,+49 30 1234567,CTO,Berlin,newsletter,
C-1003,,,not-an-email,,,,,
C-1004,Priya,Nair,priya.nair@lotus.test,,Procurement Lead,Mumbai,,
C-1005,,,,+1 555 0100,Intern,,,
C-1006,Sofia,Rossi,sofia.rossi@vela.test,,Founder,Milan,vip,"asked for a call, Tuesday"
`;

export type Contact = {
  firstName: string;
  lastName: string;
  emails: string[];
  externalId: string | null;
  jobTitle: string | null;
  tags: string[];
  address: Record<string, string>;
  custom: Record<string, unknown>;
};

type Pipeline = { id: string; stages: { id: string; name: string }[] };
const DAY = 86_400_000;
const inDays = (d: number) => new Date(Date.now() + d * DAY).toISOString().slice(0, 10);

const DEALS: [string, string, number, number][] = [
  // name, stage, amount, expected close in days
  ['Northwind: website redesign', 'Lead', 12_000, 20],
  ['Bergmann GmbH: CRM rollout', 'Lead', 8_500, 45],
  ['Lotus Foods: SEO retainer', 'Qualified', 18_000, 30],
  ['Vela Studio: brand refresh', 'Qualified', 9_600, 70],
  ['Harbor Health: patient portal', 'Qualified', 42_000, 100],
  ['Cobalt Labs: paid ads', 'Proposal', 24_000, 15],
  ['Orchid Hotels: booking engine', 'Proposal', 56_000, 60],
  ['Pinecrest: analytics setup', 'Proposal', 7_200, 40],
  ['Summit Legal: intranet', 'Negotiation', 31_000, 10],
  ['Atlas Logistics: e-commerce', 'Negotiation', 64_000, 35],
  ['Juniper Dental: local SEO', 'Negotiation', 5_400, 75],
];
const CLOSED: [string, number, 'won' | 'lost'][] = [
  ['Meridian Bank: landing pages', 22_000, 'won'],
  ['Fjord Outdoors: Shopify store', 38_000, 'won'],
  ['Kestrel Air: newsletter', 6_000, 'won'],
  ['Saffron Kitchens: social ads', 11_500, 'won'],
  ['Quartz Energy: rebrand', 47_000, 'lost'],
  ['Nimbus Cloud: webinar series', 9_000, 'lost'],
];
const LEADS: [string, number, number][] = [
  // source, leads, converted
  ['Website form', 14, 6],
  ['Webinar', 9, 4],
  ['Referral', 6, 4],
  ['Google Ads', 11, 2],
  ['Trade show', 5, 1],
];
const FIRST = ['Amira', 'Lukas', 'Priya', 'Sofia', 'Noah', 'Mei', 'Omar', 'Elena', 'Jonas', 'Aisha'];
const LAST = ['Haddad', 'Schneider', 'Nair', 'Rossi', 'Kim', 'Chen', 'Farouk', 'Novak', 'Weber', 'Bello'];

/** A second member of `owner`'s tenant, with a name, for the activity-by-owner chart. */
async function addMember(app: FastifyInstance, owner: CrmUser, name: string): Promise<string> {
  const m = await crmUser(app);
  await app.hub.db.admin.query(
    `insert into identity.memberships (tenant_id, id, user_id, role, source) values ($1, gen_random_uuid(), $2, 'member', 'direct')`,
    [owner.tenantId, m.userId],
  );
  await app.hub.db.admin.query('update identity.users set name = $2 where id = $1', [m.userId, name]);
  return m.userId;
}

/** A person's name and a business name instead of the generated ones, for screenshots. */
export async function dressUp(app: FastifyInstance, owner: CrmUser) {
  await app.hub.db.admin.query('update identity.users set name = $2 where id = $1', [
    owner.userId,
    'Alex Morgan',
  ]);
  await app.hub.db.admin.query('update identity.tenants set name = $2 where id = $1', [
    owner.tenantId,
    'Bright Harbor Agency',
  ]);
}

export async function seedCrm(app: FastifyInstance, owner: CrmUser) {
  await dressUp(app, owner);
  const team = [
    owner.userId,
    await addMember(app, owner, 'Maya Patel'),
    await addMember(app, owner, 'Jonas Weber'),
  ];
  const main = json<{ items: Pipeline[] }>(await api(app, owner, 'GET', '/pipelines'), 200).items[0]!;
  const stage = (name: string) => main.stages.find((s) => s.name === name)!.id;
  const dealIds: string[] = [];
  for (const [i, [name, st, amount, days]] of DEALS.entries()) {
    const d = json<{ id: string }>(
      await api(app, owner, 'POST', '/deals', {
        name,
        stageId: stage(st),
        amount,
        expectedCloseDate: inDays(days),
        ownerId: team[i % team.length],
      }),
      201,
    );
    dealIds.push(d.id);
  }
  for (const [name, amount, outcome] of CLOSED) {
    const d = json<{ id: string }>(
      await api(app, owner, 'POST', '/deals', { name, stageId: stage('Proposal'), amount }),
      201,
    );
    json(
      await api(
        app,
        owner,
        'POST',
        `/deals/${d.id}/${outcome}`,
        outcome === 'lost' ? { reason: 'Budget' } : {},
      ),
      200,
    );
  }
  let n = 0;
  for (const [source, leads, converted] of LEADS)
    for (let i = 0; i < leads; i++, n++) {
      const lead = json<{ id: string }>(
        await api(app, owner, 'POST', '/leads', {
          firstName: FIRST[n % FIRST.length],
          lastName: LAST[(n * 3) % LAST.length],
          email: `lead${n}@example.com`,
          source,
        }),
        201,
      );
      if (i < converted) json(await api(app, owner, 'POST', `/leads/${lead.id}/convert`, {}), 200);
    }
  const types = ['call', 'email', 'meeting', 'note', 'task', 'call', 'email'];
  const perOwner = [14, 9, 6];
  for (const [o, count] of perOwner.entries())
    for (let i = 0; i < count; i++) {
      const res = await api(app, owner, 'POST', '/activities', {
        type: types[(i + o) % types.length],
        dealId: dealIds[(i + o) % dealIds.length],
        subject: 'Follow-up',
        assigneeId: team[o],
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  return { pipeline: main, team };
}

/** Closed leads (converted or unqualified) with a pattern to learn: senior people from webinars and referrals convert. */
export async function seedLeadHistory(app: FastifyInstance, owner: CrmUser, n = 64) {
  const titles = [
    'Marketing Director',
    'Head of Sales',
    'CEO',
    'Analyst',
    'Intern',
    'Coordinator',
    'Director of Operations',
  ];
  const sources = ['Webinar', 'Referral', 'Google Ads', 'Website form'];
  for (let i = 0; i < n; i++) {
    const jobTitle = titles[i % titles.length]!;
    const source = sources[(i * 3 + Math.floor(i / 7)) % sources.length]!;
    const senior = /director|head|ceo/i.test(jobTitle);
    const converts = (senior && (source === 'Webinar' || source === 'Referral')) || i % 9 === 0;
    const lead = json<{ id: string }>(
      await api(app, owner, 'POST', '/leads', {
        firstName: FIRST[i % FIRST.length],
        lastName: LAST[(i * 7) % LAST.length],
        email: `history${i}@example.com`,
        phone: i % 2 ? '+44 20 7946 0000' : null,
        jobTitle,
        source,
      }),
      201,
    );
    if (converts) json(await api(app, owner, 'POST', `/leads/${lead.id}/convert`, {}), 200);
    else json(await api(app, owner, 'PATCH', `/leads/${lead.id}`, { status: 'unqualified' }), 200);
  }
}

/** Writes `csv` to a file called `name` in a fresh temporary folder and returns its path. */
export function csvFile(name: string, csv: string) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm-import-')), name);
  fs.writeFileSync(file, csv);
  return file;
}

/** In the import wizard: uploads `file`, waits until it shows `rows` rows, and goes on to the mapping. */
export async function uploadCsv(page: Page, file: string, rows: number) {
  await page.getByRole('button', { name: 'Next: upload a file' }).click();
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByTestId('csv-loaded').getByText(`${rows} rows`).waitFor();
  await page.getByRole('button', { name: 'Next: map columns' }).click();
}
