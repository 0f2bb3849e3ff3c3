import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type CrmUser, crmUser, json } from '../../server/test/crm-deals-fixtures.js';
import {
  type Contact,
  CSV,
  csvFile,
  dressUp,
  seedCrm,
  seedLeadHistory,
  uploadCsv,
} from './crm-tools-seed.js';
import { type Console, startConsole } from './harness.js';
import { cleanScreenshot, signedIn } from './sign-in.js';

let c: Console;
beforeAll(async () => {
  c = await startConsole();
}, 180_000);
afterAll(() => c?.close());

async function login(u: CrmUser, next: string) {
  await dressUp(c.app, u);
  return signedIn(c, u.email, u.password, next);
}

describe('CRM tools in the console', () => {
  it('imports a CSV through the wizard: mapping, live progress to 100 %, created rows and the bad lines', async () => {
    const u = await crmUser(c.app);
    const file = csvFile('customers.csv', CSV);
    const { page, context } = await login(u, '/crm/import');
    await page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();
    await page.getByText('No imports yet').waitFor();

    await page.getByRole('radio', { name: 'Contacts' }).check();
    await uploadCsv(page, file, 6);

    // Guessed from the header names; Customer ID and Notes are not guessed.
    const select = (h: string) => page.getByRole('combobox', { name: `Import ${h} as` });
    expect(await select('First Name').inputValue()).toBe('First name');
    expect(await select('Email').inputValue()).toBe('E-mail addresses');
    expect(await select('City').inputValue()).toBe('City');
    expect(await select('Tags').inputValue()).toBe('Tags');
    expect(await select('Notes').inputValue()).toBe("Don't import");
    expect(await select('Customer ID').inputValue()).toBe("Don't import");
    await select('Customer ID').click();
    await page.getByRole('option', { name: 'External ID (matches rows on re-import)' }).click();
    await page.getByText(/Rows are matched on/).waitFor();
    // Notes goes into a custom field created right here.
    await select('Notes').click();
    await page.getByRole('option', { name: '+ New custom field…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New custom field for Notes' });
    await dialog.getByText('Stored as custom.notes').waitFor();
    await dialog.getByRole('button', { name: 'Create field' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(
      () =>
        (document.querySelector('input[aria-label="Import Notes as"]') as HTMLInputElement | null)?.value ===
        'Notes',
    );
    await page.getByRole('button', { name: 'Next: review' }).click();

    const review = page.getByTestId('import-review');
    await review.getByText('9 columns imported').waitFor();
    await review.getByText('Notes → Notes').waitFor();
    await page.getByRole('button', { name: 'Start import of 6 contacts' }).click();

    await page.locator('[data-testid=import-progress][data-value="100"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('import-status').getByText('completed').waitFor();
    expect(await page.getByTestId('import-created').textContent()).toBe('4');
    expect(await page.getByTestId('import-failed').textContent()).toBe('2');
    expect(await page.getByTestId('import-progress-text').textContent()).toContain('6 of 6 rows (100 %)');
    await page
      .getByTestId('bad-row-4')
      .getByText(/emails: not-an-email is not an e-mail address/)
      .waitFor();
    await page
      .getByTestId('bad-row-6')
      .getByText(/a name or an e-mail is required/)
      .waitFor();
    expect(await page.locator('[data-testid^=bad-row-]').count()).toBe(2);

    // The good rows exist, with their mapped values; the bad ones do not.
    const list = json<{ items: Contact[] }>(await api(c.app, u, 'GET', '/contacts?limit=50'), 200).items;
    expect(list.map((x) => x.externalId).sort()).toEqual(['C-1001', 'C-1002', 'C-1004', 'C-1006']);
    const amira = list.find((x) => x.externalId === 'C-1001')!;
    expect(amira).toMatchObject({
      firstName: 'Amira',
      lastName: 'Haddad',
      emails: ['amira.haddad@northwind.test'],
      jobTitle: 'Head of Marketing',
      tags: ['vip', 'newsletter'],
      address: { city: 'London' },
      custom: { notes: 'met at the expo' },
    });
    // The history lists it.
    await page.getByRole('table', { name: 'Past imports' }).getByText('customers.csv').waitFor();
    await cleanScreenshot(c, page, 'crm-import');

    // Re-import with the external ID: C-1001 is updated (mapped fields only), C-1007 is new.
    const again = csvFile(
      'customers-update.csv',
      'Customer ID,First Name,Last Name,Email,Job Title\nC-1001,Amira,Haddad,amira.haddad@northwind.test,VP Marketing\nC-1007,Ken,Watanabe,ken@kumo.test,Designer\n',
    );
    await page.getByRole('button', { name: 'Import another file' }).click();
    await uploadCsv(page, again, 2);
    await select('Customer ID').click();
    await page.getByRole('option', { name: 'External ID (matches rows on re-import)' }).click();
    await page.getByRole('button', { name: 'Next: review' }).click();
    await page.getByText(/Rows whose Customer ID matches a record imported before update it/).waitFor();
    await page.getByRole('button', { name: 'Start import of 2 contacts' }).click();
    await page.getByTestId('import-status').getByText('completed').waitFor();
    expect(await page.getByTestId('import-created').textContent()).toBe('1');
    expect(await page.getByTestId('import-updated').textContent()).toBe('1');
    const after = json<{ items: Contact[] }>(await api(c.app, u, 'GET', '/contacts?limit=50'), 200).items;
    expect(after).toHaveLength(5);
    expect(after.find((x) => x.externalId === 'C-1001')).toMatchObject({
      jobTitle: 'VP Marketing',
      tags: ['vip', 'newsletter'],
      address: { city: 'London' },
    });
    await page.getByRole('table', { name: 'Past imports' }).getByText('customers-update.csv').waitFor();
    await context.close();
  }, 120_000);

  it('imports leads through the wizard: lead fields guessed from the header, a bad status reported', async () => {
    const u = await crmUser(c.app);
    const file = csvFile(
      'leads.csv',
      'Lead ID,First Name,Last Name,Email,Company,Status,Lead Source,Landing Page\n' +
        'L-1,Ana,Costa,ana@lumen.test,Lumen,qualified,webinar,https://lumen.test/pricing\n' +
        'L-2,Ben,Ode,ben@ode.test,,won,ads,\n' +
        'L-3,,,,Kite Labs,,referral,\n',
    );
    const { page, context } = await login(u, '/crm/import');
    await page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();
    await page.getByRole('radio', { name: 'Leads' }).check();
    await uploadCsv(page, file, 3);
    const select = (h: string) => page.getByRole('combobox', { name: `Import ${h} as` });
    expect(await select('Lead ID').inputValue()).toBe('External ID (matches rows on re-import)');
    expect(await select('Email').inputValue()).toBe('E-mail address');
    expect(await select('Company').inputValue()).toBe('Company name');
    expect(await select('Status').inputValue()).toBe('Status (new, contacted, qualified, unqualified)');
    expect(await select('Lead Source').inputValue()).toBe('Source');
    expect(await select('Landing Page').inputValue()).toBe('Page URL');
    await page.getByRole('button', { name: 'Next: review' }).click();
    await page.getByRole('button', { name: 'Start import of 3 leads' }).click();
    await page.getByTestId('import-status').getByText('completed').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-created').textContent()).toBe('2');
    expect(await page.getByTestId('import-failed').textContent()).toBe('1');
    await page
      .getByTestId('bad-row-3')
      .getByText(/status: must be one of/)
      .waitFor();
    type Lead = { externalId?: string; firstName: string; companyName: string | null; status: string };
    const leads = json<{ items: Lead[] }>(await api(c.app, u, 'GET', '/leads?sort=firstName'), 200).items;
    expect(leads.map((l) => `${l.firstName}|${l.companyName}|${l.status}`)).toEqual([
      '|Kite Labs|new',
      'Ana|Lumen|qualified',
    ]);
    await context.close();
  }, 120_000);

  it('imports deals into a pipeline through the wizard: stages by name, a bad line, then the board', async () => {
    const u = await crmUser(c.app);
    const file = csvFile(
      'hubspot-deals.csv',
      'Record ID,Deal Name,Deal Stage,Amount,Close Date,Deal Owner,Company\n' +
        `HS-1,Northwind rebrand,Proposal,"12,500.00",2026-03-31,${u.email},\n` +
        'HS-2,Kumo app,negotiation,$8000,30/04/2026,,\n' +
        'HS-3,Lumen SEO,Signed,900,,,\n' +
        'HS-4,Orbit ads,won,4000,,,\n',
    );
    const { page, context } = await login(u, '/crm/import');
    await page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();
    await page.getByRole('radio', { name: 'Deals' }).check();
    // Deals ask for their pipeline first: the default one is proposed.
    const pipeline = page.getByRole('combobox', { name: 'Pipeline' });
    await expect.poll(() => pipeline.inputValue()).toBe('Sales');
    await uploadCsv(page, file, 4);
    await page.getByText(/Stages are matched by name \(any case\): Lead, Qualified, Proposal/).waitFor();
    const select = (h: string) => page.getByRole('combobox', { name: `Import ${h} as` });
    expect(await select('Record ID').inputValue()).toBe('External ID (matches rows on re-import)');
    expect(await select('Deal Name').inputValue()).toBe('Deal name');
    expect(await select('Deal Stage').inputValue()).toBe('Stage (by name)');
    expect(await select('Amount').inputValue()).toBe('Amount');
    expect(await select('Close Date').inputValue()).toBe('Expected close date');
    expect(await select('Deal Owner').inputValue()).toBe('Owner (member e-mail)');
    expect(await select('Company').inputValue()).toBe('Company (linked by name)');
    await page.getByRole('button', { name: 'Next: review' }).click();
    await page.getByTestId('import-review').getByText('deals into Sales').waitFor();
    await page.getByRole('button', { name: 'Start import of 4 deals' }).click();

    await page.locator('[data-testid=import-progress][data-value="100"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('import-status').getByText('completed').waitFor();
    expect(await page.getByTestId('import-created').textContent()).toBe('3');
    expect(await page.getByTestId('import-failed').textContent()).toBe('1');
    await page
      .getByTestId('bad-row-4')
      .getByText(/stage: Signed is not a stage of this pipeline \(Lead, Qualified, Proposal/)
      .waitFor();
    expect(await page.locator('[data-testid^=bad-row-]').count()).toBe(1);
    await page.getByRole('table', { name: 'Past imports' }).getByText('hubspot-deals.csv').waitFor();

    type Deal = { id: string; name: string; amount: number; status: string; ownerId: string | null };
    const deals = json<{ items: Deal[] }>(await api(c.app, u, 'GET', '/deals?sort=name'), 200).items;
    expect(deals.map((d) => `${d.name}|${d.amount}|${d.status}`)).toEqual([
      'Kumo app|8000|open',
      'Northwind rebrand|12500|open',
      'Orbit ads|4000|won',
    ]);
    const northwind = deals.find((d) => d.name === 'Northwind rebrand')!;
    expect(northwind.ownerId).toBe(u.userId);

    // The board shows the imported deal in its stage.
    await page.goto(`${c.url}/crm/deals`);
    await page.getByRole('heading', { name: 'Deals', level: 1 }).waitFor();
    const proposal = page.getByRole('region', { name: 'Stage Proposal' });
    await proposal.locator(`[data-testid="deal-card-${northwind.id}"]`).waitFor();
    await page.getByRole('region', { name: 'Stage Negotiation' }).getByText('Kumo app').waitFor();
    await context.close();
  }, 120_000);

  it('shows the reports as charts with data, and empty states without', async () => {
    const empty = await crmUser(c.app);
    const e = await login(empty, '/crm/reports');
    await e.page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await e.page.getByText('No deals yet. Add deals to a pipeline to see them here by stage.').waitFor();
    expect(await e.page.getByTestId('report-empty').count()).toBe(5);
    expect(await e.page.locator('[data-chart]').count()).toBe(0);
    await e.context.close();

    const u = await crmUser(c.app);
    await seedCrm(c.app, u);
    const { page, context } = await login(u, '/crm/reports');
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    const charts = page.locator('[data-chart] svg');
    await charts.nth(4).waitFor();
    expect(await charts.count()).toBe(5);
    // Drawn with data: stage names on the axis, owners by name, the win rate in the ring.
    const stageChart = page.getByRole('img', { name: /Deals by stage in/ });
    await stageChart.locator('svg text', { hasText: 'Negotiation' }).first().waitFor();
    expect(await stageChart.locator('svg path').count()).toBeGreaterThan(8);
    await page
      .getByRole('img', { name: 'Activities by owner and type' })
      .locator('text', { hasText: 'Maya Patel' })
      .first()
      .waitFor();
    const ring = page.getByRole('img', { name: 'Win rate 66.7 %' });
    await ring.locator('svg text', { hasText: '66.7 %' }).first().waitFor();
    expect(await ring.locator('svg text', { hasText: '66.7 %' }).count()).toBe(1);
    expect(await page.getByTestId('win-rate').textContent()).toContain('4 won');
    await page.getByText('45 leads, 17 converted (37.8 %)').waitFor();
    expect(await page.getByTestId('forecast-total').textContent()).toMatch(/^11 open deals/);
    expect(await page.getByTestId('kpi-open-pipeline').textContent()).toBe('277.7K');
    expect(await page.getByTestId('kpi-win-rate').textContent()).toBe('66.7 %');
    expect(await page.getByTestId('kpi-lead-conversion').textContent()).toBe('37.8 %');
    await page.mouse.move(0, 0);
    await cleanScreenshot(c, page, 'crm-reports');

    // In the dark colour scheme the charts draw their labels light.
    const fill = (p: typeof page) =>
      p
        .getByRole('img', { name: 'Activities by owner and type' })
        .locator('text', { hasText: 'Maya Patel' })
        .first()
        .getAttribute('fill');
    expect(await fill(page)).toBe('#495057');
    const dark = await signedIn(c, u.email, u.password, '/crm/reports', { colorScheme: 'dark' });
    await dark.page
      .getByRole('img', { name: 'Activities by owner and type' })
      .locator('text', { hasText: 'Maya Patel' })
      .first()
      .waitFor();
    expect(await fill(dark.page)).toBe('#c9c9c9');
    await dark.context.close();

    // The pipeline filter narrows the pipeline charts (a new empty pipeline shows the empty state).
    json(await api(c.app, u, 'POST', '/pipelines', { name: 'Partners' }), 201);
    await page.reload();
    await page.getByRole('combobox', { name: 'Pipeline' }).click();
    await page.getByRole('option', { name: 'Partners' }).click();
    await page.getByText('No deals yet. Add deals to a pipeline to see them here by stage.').waitFor();
    await context.close();
  }, 120_000);

  it('builds a form with a live preview, saves it and shows the embed snippet', async () => {
    const u = await crmUser(c.app);
    const { page, context } = await login(u, '/crm/forms');
    await page.getByText('No forms yet').waitFor();
    await page.getByRole('button', { name: 'New form' }).first().click();
    await page.getByLabel('Form name').fill('Book a consultation');
    await page.getByRole('button', { name: 'Create and edit' }).click();
    await page.getByRole('heading', { name: 'Book a consultation', level: 1 }).waitFor();
    const preview = page.getByRole('region', { name: 'Live preview' });
    await preview.getByLabel('Work e-mail *').waitFor();

    await page.getByRole('button', { name: 'Add field' }).click();
    await page.getByLabel('Field 3 label').fill('Company');
    await page.getByRole('combobox', { name: 'Field 3 saved as' }).click();
    await page.getByRole('option', { name: 'Lead: company name' }).click();
    await page.getByRole('switch', { name: 'Field 3 required' }).check({ force: true });
    await preview.getByLabel('Company *').waitFor();
    await page.getByRole('button', { name: 'Add field' }).click();
    await page.getByLabel('Field 4 label').fill('Budget');
    await page.getByRole('combobox', { name: 'Field 4 type' }).click();
    await page.getByRole('option', { name: 'Dropdown' }).click();
    await page.getByLabel('Field 4 options').fill('Under 5k');
    await page.keyboard.press('Enter');
    await page.getByLabel('Field 4 options').fill('5k–20k');
    await page.keyboard.press('Enter');
    await preview
      .getByRole('combobox', { name: 'Budget' })
      .locator('option', { hasText: '5k–20k' })
      .waitFor({ state: 'attached' });
    await page.getByRole('switch', { name: /Ask for consent/ }).check({ force: true });
    await preview.getByText(/I agree to be contacted/).waitFor();
    await page.getByText('unsaved changes').waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('button', { name: 'Saved' }).waitFor();

    const forms = json<{
      items: {
        id: string;
        publicId: string;
        fields: { key: string; label: string; required: boolean; options: string[] }[];
      }[];
    }>(await api(c.app, u, 'GET', '/forms'), 200).items;
    expect(forms[0]!.fields.map((f) => f.key)).toEqual(['name', 'email', 'company', 'budget']);
    expect(forms[0]!.fields[2]).toMatchObject({ label: 'Company', required: true });
    expect(forms[0]!.fields[3]!.options).toEqual(['Under 5k', '5k–20k']);
    await page
      .getByTestId('embed-snippet')
      .getByText(/name="company"/)
      .waitFor();

    // A visitor submits it; the submission count follows.
    const res = await c.app.inject({
      method: 'POST',
      url: `/api/brain/crm/forms/${forms[0]!.publicId}/submit`,
      payload: {
        name: 'Noah Kim',
        email: 'noah@cobalt.test',
        company: 'Cobalt Labs',
        budget: '5k–20k',
        consent: true,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    await page.reload();
    await page.getByTestId('form-submissions').getByText('1 submission').waitFor();
    await page.getByRole('table', { name: 'Recent leads from this form' }).getByText('Noah Kim').waitFor();
    await preview.getByLabel('Company *').fill('Cobalt Labs');
    await cleanScreenshot(c, page, 'crm-forms');
    await context.close();
  }, 120_000);

  it('edits scoring rules and shows the model status with a retrain button', async () => {
    const u = await crmUser(c.app);
    const { page, context } = await login(u, '/crm/scoring');
    // ECharts is a chunk of its own, fetched only when a chart is drawn (not for an untrained model).
    const echarts: string[] = [];
    page.on('request', (r) => {
      if (/\/assets\/chart-[\w-]+\.js$/.test(r.url())) echarts.push(r.url());
    });
    await page.getByText('No scoring rules yet').waitFor();
    await page.getByTestId('model-status').getByText('not trained').waitFor();
    await page.getByRole('button', { name: 'Add rule' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Label').fill('Decision maker');
    await dialog.getByLabel('Value').fill('director');
    await dialog.getByLabel('Points').fill('30');
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await page.getByRole('table', { name: 'fit rules' }).getByText('Job title contains “director”').waitFor();
    const rules = json<{ items: { label: string; points: number; condition: unknown }[] }>(
      await api(c.app, u, 'GET', '/scoring/rules'),
      200,
    ).items;
    expect(rules).toMatchObject([
      {
        label: 'Decision maker',
        points: 30,
        condition: { field: 'job_title', op: 'contains', value: 'director' },
      },
    ]);
    await page.getByRole('button', { name: 'Retrain now' }).click();
    await page.getByText(/Not enough closed leads yet \(0 of 50\)/).waitFor();
    expect(echarts).toEqual([]);

    // With enough closed leads the model trains: status, metrics and the weights chart.
    await seedLeadHistory(c.app, u);
    await page.getByRole('button', { name: 'Retrain now' }).click();
    await page.getByTestId('model-status').getByText('trained', { exact: true }).waitFor();
    await page.getByText('on 64 closed leads', { exact: false }).waitFor();
    await page.getByText('AUC (held-out leads)').waitFor();
    const weights = page.getByRole('img', { name: 'Model weights' });
    await weights
      .locator('svg text', { hasText: /job title|source/i })
      .first()
      .waitFor();
    expect(await weights.locator('svg path').count()).toBeGreaterThan(4);
    await page.mouse.move(0, 0);
    await cleanScreenshot(c, page, 'crm-scoring');
    expect(echarts).toHaveLength(1);
    await context.close();
  }, 120_000);
});
