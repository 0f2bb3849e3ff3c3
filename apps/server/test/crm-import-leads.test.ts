import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './auth-helpers.js';
import { type CrmUser, crmTenants, type Import, importCsv, ok, waitForImport } from './crm-fixtures.js';

type Lead = {
  id: string;
  firstName: string;
  email: string | null;
  status: string;
  source: string | null;
  companyName: string | null;
  tags: string[];
  custom: Record<string, unknown>;
  score: number | null;
};

let app: FastifyInstance, a: CrmUser, b: CrmUser;
beforeAll(async () => {
  ({ app, a, b } = await crmTenants({
    env: { RUN_WORKER: 'true' },
    fields: [{ entity: 'lead', key: 'budget', label: 'Budget', type: 'number' }],
  }));
});
afterAll(() => app?.close());

const mapping = {
  Ref: 'externalId',
  Name: 'firstName',
  Mail: 'email',
  Company: 'companyName',
  Status: 'status',
  Source: 'source',
  Page: 'pageUrl',
  Tags: 'tags',
  Budget: 'custom.budget',
};
const header = 'Ref,Name,Mail,Company,Status,Source,Page,Tags,Budget';

const body = (csv: string, m: Record<string, string> = mapping) => ({
  entity: 'lead',
  filename: 'leads.csv',
  csv,
  mapping: m,
});
const start = (u: CrmUser, csv: string, m?: Record<string, string>) =>
  u.call('POST', '/api/brain/crm/imports', body(csv, m));

async function leadsOf(u: CrmUser): Promise<Lead[]> {
  return ok<{ items: Lead[] }>(await u.call('GET', '/api/brain/crm/leads?limit=200&sort=firstName')).items;
}

describe('lead import', () => {
  it('creates leads, reports bad rows with line and reason, updates by external id on a second run', async () => {
    const rows = [
      'L1,Ada,ada@lead.test,Acme,new,webinar,https://acme.test/contact,hot;b2b,5000',
      'L2,Ben,ben@lead.test,,contacted,ads,,,',
      'L3,Cy,not-an-email,,,,,,', // line 4
      'L4,Dee,dee@lead.test,,won,,,,', // line 5: no such status
      'L5,,,,,,,,', // line 6: no name, e-mail or company
      'L6,Eve,eve@lead.test,,,,ftp://x,,', // line 7: not a URL
      'L7,Fay,fay@lead.test,,,,,,lots', // line 8: budget is a number field
      'L8,,,Globex,qualified,referral,,,',
    ];
    const { started: first, done } = await importCsv(a, body(`${header}\n${rows.join('\n')}\n`));
    expect(first.entity).toBe('lead');
    expect(done).toMatchObject({ status: 'completed', totalRows: 8, createdRows: 3, failedRows: 5 });
    expect(done.errors.map((e) => e.line)).toEqual([4, 5, 6, 7, 8]);
    expect(done.errors[0]!.reason).toContain('email');
    expect(done.errors[1]!.reason).toContain('status');
    expect(done.errors[4]!.reason).toContain('custom.budget');
    const leads = await leadsOf(a);
    expect(leads.map((l) => l.firstName || l.companyName)).toEqual(['Globex', 'Ada', 'Ben']);
    expect(leads.find((l) => l.firstName === 'Ada')).toMatchObject({
      email: 'ada@lead.test',
      status: 'new',
      source: 'webinar',
      tags: ['hot', 'b2b'],
      custom: { budget: 5000 },
    });

    const again = await importCsv(
      a,
      body(`${header}\nL1,Ada,ada@lead.test,Acme Corp,qualified,webinar,,,\nL9,Hal,hal@lead.test,,,,,,\n`),
    );
    expect(again.done).toMatchObject({ status: 'completed', createdRows: 1, updatedRows: 1 });
    const after = await leadsOf(a);
    expect(after).toHaveLength(4);
    expect(after.find((l) => l.firstName === 'Ada')).toMatchObject({
      companyName: 'Acme Corp',
      status: 'qualified',
      custom: { budget: 5000 },
    });
  });

  it('scores imported leads through the scoring job', async () => {
    const end = Date.now() + 30_000;
    let leads = await leadsOf(a);
    while (leads.some((l) => l.score === null) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 250));
      leads = await leadsOf(a);
    }
    expect(leads.every((l) => typeof l.score === 'number')).toBe(true);
  });

  it('rejects a bad mapping naming the column, and unknown entities', async () => {
    const bad = expectProblem(await start(a, `${header}\n`, { Name: 'emails' }), 400, 'CRM.IMPORT_MAPPING');
    expect(bad.detail).toContain('body.mapping.Name');
    expectProblem(await start(a, `${header}\n`, { Source: 'source' }), 400, 'CRM.IMPORT_MAPPING');
    expectProblem(
      await a.call('POST', '/api/brain/crm/imports', {
        entity: 'deal',
        filename: 'x.csv',
        csv: 'Name\nx\n',
        mapping: { Name: 'name' },
      }),
      400,
      'HTTP.VALIDATION_FAILED',
    );
  });

  it("tenant B cannot read tenant A's lead import and its import lands only in its own tenant", async () => {
    const mine = ok<Import>(await start(a, `${header}\nZ1,Zed,zed@lead.test,,,,,,\n`), 202);
    expectProblem(await b.call('GET', `/api/brain/crm/imports/${mine.id}`), 404, 'CRM.IMPORT_NOT_FOUND');
    const theirs = await importCsv(
      b,
      body(`${header.replace(',Budget', '')}\nL1,Bob,bob@b.test,,,,,\n`, {
        Ref: 'externalId',
        Name: 'firstName',
      }),
    );
    expect(theirs.done).toMatchObject({ status: 'completed', createdRows: 1 });
    // Same external id as tenant A's L1: a new lead in B, A's Ada untouched.
    expect((await leadsOf(b)).map((l) => l.firstName)).toEqual(['Bob']);
    await waitForImport(a, mine.id);
    expect((await leadsOf(a)).find((l) => l.firstName === 'Ada')?.companyName).toBe('Acme Corp');
  });
});
