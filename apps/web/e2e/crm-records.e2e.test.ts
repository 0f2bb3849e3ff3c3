import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, eventually, inject } from '../../server/test/auth-helpers.js';
import {
  COMPANIES,
  CONTACTS,
  type Crm,
  center,
  call as crmCall,
  DEALS,
  exportCsv,
  crmUser as newCrmUser,
  pick,
  type Row,
  seed as seedCrm,
  statusOf,
} from './crm-seed.js';
import { type Console, startConsole } from './harness.js';
import { settle } from './pointer.js';
import { cleanScreenshot, signInAt } from './sign-in.js';

let c: Console;
beforeAll(async () => {
  c = await startConsole();
}, 180_000);
afterAll(() => c?.close());

const crmUser = () => newCrmUser(c);
const call = <T = Row>(u: Crm, method: string, url: string, payload?: unknown) =>
  crmCall<T>(c, u, method, url, payload);
const seed = (u: Crm) => seedCrm(c, u);

/** Signed in on `next`, with a longer wait than the default: the machine is shared with other test runs. */
async function signedIn(
  _c: Console,
  email: string,
  password: string,
  next: string,
  opts?: { width?: number; height?: number },
) {
  const { page, context } = await c.newPage(opts);
  page.setDefaultTimeout(20_000);
  await signInAt(page, email, password, next);
  return { page, context };
}

describe('CRM console: deals board', () => {
  it('drags a deal to another stage with the mouse; it stays there after a reload and the API agrees', async () => {
    const u = await crmUser();
    const s = await seed(u);
    const deal = s.deals[0]!; // Warehouse scanners rollout, in Lead
    const proposal = s.stages.find((x) => x.name === 'Proposal')!;
    const { page, context } = await signedIn(c, u.email, u.password, '/crm/deals', {
      width: 1600,
      height: 900,
    });
    await page.getByRole('heading', { name: 'Deals', level: 1 }).waitFor();
    const card = `[data-testid="deal-card-${deal.id}"]`;
    const target = `[data-testid="stage-${proposal.id}"]`;
    await page.locator(card).waitFor();
    expect(await page.locator(`${target} ${card}`).count()).toBe(0);
    await expect.poll(() => page.getByTestId(`stage-count-${proposal.id}`).textContent()).toBe('2');

    // dnd-kit starts a drag after 5 px of pointer movement, then follows the pointer in steps.
    const from = await center(page, card);
    const to = await center(page, target);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 12, from.y + 12, { steps: 5 });
    await page.mouse.move(to.x, to.top + 60, { steps: 10 });
    await page.mouse.move(to.x, to.top + 64, { steps: 2 });
    await page.locator(`${target} ${card}`).waitFor();
    await page.mouse.up();

    await page.locator(`${target} ${card}`).waitFor();
    await expect.poll(() => page.getByTestId(`stage-count-${proposal.id}`).textContent()).toBe('3');
    const moved = await eventually(async () => {
      const d = await call<{ stageId: string }>(u, 'GET', `/deals/${deal.id}`);
      expect(d.stageId).toBe(proposal.id);
      return d;
    });
    expect(moved.stageId).toBe(proposal.id);

    await page.reload();
    await page.locator(`${target} ${card}`).waitFor();
    await cleanScreenshot(c, page, 'crm-board');

    // The timeline of the deal records the stage change.
    const timeline = await call<{ items: { type: string }[] }>(u, 'GET', `/deals/${deal.id}/timeline`);
    expect(timeline.items.map((i) => i.type)).toContain('crm.deal.stage_changed');

    // The deal page tells the same story; the CRM home sums up the pipeline.
    await page.getByRole('link', { name: 'Warehouse scanners rollout' }).click();
    await page.getByRole('heading', { name: 'Warehouse scanners rollout', level: 1 }).waitFor();
    await page.getByText('Lead → Proposal').waitFor();
    await cleanScreenshot(c, page, 'crm-deal');

    // Lost with a reason, then reopened.
    await page.getByRole('button', { name: 'Mark lost' }).click();
    await pick(page, 'Reason', 'Chose a competitor', page.getByRole('dialog'));
    await page.getByRole('dialog').getByRole('button', { name: 'Mark lost' }).click();
    await page.getByText('Warehouse scanners rollout marked lost').waitFor();
    expect(await call(u, 'GET', `/deals/${deal.id}`)).toMatchObject({
      status: 'lost',
      lostReason: 'Chose a competitor',
    });
    await page.getByRole('button', { name: 'Reopen' }).click();
    await page.getByText('Warehouse scanners rollout reopened').waitFor();
    expect(await call(u, 'GET', `/deals/${deal.id}`)).toMatchObject({ status: 'open', lostReason: null });
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'CRM', level: 1 }).waitFor();
    const open = DEALS.filter((d) => d[3] !== 'Won').reduce((sum, d) => sum + d[2], 0);
    await page
      .getByTestId('stat-Open deals')
      .getByText(`$${open.toLocaleString('en-US')}`)
      .waitFor();
    await page.getByTestId('stat-Contacts').getByText(String(CONTACTS.length), { exact: true }).waitFor();
    await page.getByTestId('stat-Companies').getByText(String(COMPANIES.length), { exact: true }).waitFor();
    await cleanScreenshot(c, page, 'crm-home');
    await context.close();
  }, 120_000);

  it('moves a deal with the keyboard (space, arrow, space) for people who do not use a mouse', async () => {
    const u = await crmUser();
    const s = await seed(u);
    const deal = s.deals[1]!; // Fleet telematics renewal, in Qualified
    const { page, context } = await signedIn(c, u.email, u.password, '/crm/deals', {
      width: 1600,
      height: 900,
    });
    const card = page.getByTestId(`deal-card-${deal.id}`);
    await card.waitFor();
    await card.focus();
    // dnd-kit announces each step in a live region; wait for it between the keys.
    await page.keyboard.press('Space');
    await page.getByText('Fleet telematics renewal is over Qualified').waitFor({ state: 'attached' });
    await page.keyboard.press('ArrowRight');
    await page.getByText('Fleet telematics renewal is over Proposal').waitFor({ state: 'attached' });
    await page.keyboard.press('Space');
    await page.getByText(/Fleet telematics renewal was dropped in Proposal/).waitFor({ state: 'attached' });
    const proposal = s.stages.find((x) => x.name === 'Proposal')!;
    await eventually(async () => {
      const got = await call<{ stageId: string }>(u, 'GET', `/deals/${deal.id}`);
      expect(got.stageId).toBe(proposal.id);
    });
    await page.locator(`[data-testid="stage-${proposal.id}"] [data-testid="deal-card-${deal.id}"]`).waitFor();
    await context.close();
  }, 120_000);

  it('puts a card back when the hub refuses a move, reorders within a stage, asks why when dropped on Lost', async () => {
    const u = await crmUser();
    const s = await seed(u);
    const [scanners, , , solar, cad] = s.deals as Row[];
    const stageId = (name: string) => s.stages.find((x) => x.name === name)!.id;
    const { page, context } = await signedIn(c, u.email, u.password, '/crm/deals', {
      width: 2100,
      height: 900,
    });
    const card = (id: string) => `[data-testid="deal-card-${id}"]`;
    const inStage = (name: string, id: string) =>
      page.locator(`[data-testid="stage-${stageId(name)}"] ${card(id)}`);
    // Like a person, let go only once the card shows in the column it is over: on a loaded
    // machine the board can be a frame or two behind the pointer.
    const drag = async (id: string, to: { x: number; y: number }, into?: string) => {
      const from = await center(page, card(id));
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(from.x + 12, from.y + 12, { steps: 5 });
      await page.mouse.move(to.x, to.y, { steps: 10 });
      await page.mouse.move(to.x, to.y + 2, { steps: 2 });
      if (into) await inStage(into, id).waitFor();
      await settle(page);
      await page.mouse.up();
    };
    await inStage('Lead', scanners!.id).waitFor();

    // The hub says no: the card returns to Lead and the reason shows.
    await page.route('**/api/brain/crm/deals/*/move', (route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Conflict',
          status: 409,
          detail: 'Could not place the deal; try again',
          code: 'CRM.MOVE_INVALID',
        }),
      }),
    );
    const negotiation = await center(page, `[data-testid="stage-${stageId('Negotiation')}"]`);
    await drag(scanners!.id, { x: negotiation.x, y: negotiation.top + 60 }, 'Negotiation');
    await page.getByText('The deal could not be moved').waitFor();
    await inStage('Lead', scanners!.id).waitFor();
    expect(await inStage('Negotiation', scanners!.id).count()).toBe(0);
    expect((await call<{ stageId: string }>(u, 'GET', `/deals/${scanners!.id}`)).stageId).toBe(
      stageId('Lead'),
    );
    await page.unroute('**/api/brain/crm/deals/*/move');

    // Within Proposal: CAD licences dragged above solar monitoring comes first on the board.
    const solarBox = await center(page, card(solar!.id));
    await drag(cad!.id, { x: solarBox.x, y: solarBox.top + 5 });
    type Board = { columns: { stage: { id: string }; deals: { id: string }[] }[] };
    const pipelineId = String(solar!.pipelineId);
    await eventually(async () => {
      const b = await call<Board>(u, 'GET', `/pipelines/${pipelineId}/board`);
      const ids = b.columns.find((col) => col.stage.id === stageId('Proposal'))!.deals.map((d) => d.id);
      expect(ids).toEqual([cad!.id, solar!.id]);
    });
    await page.reload();
    await inStage('Proposal', solar!.id).waitFor();
    const order = await page
      .locator(`[data-testid="stage-${stageId('Proposal')}"] [data-testid^="deal-card-"]`)
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(order).toEqual([`deal-card-${cad!.id}`, `deal-card-${solar!.id}`]);

    // Dropping on Lost asks why; cancelling puts the card back, a reason closes the deal.
    const lostCol = `[data-testid="stage-${stageId('Lost')}"]`;
    const lostBox = await center(page, lostCol);
    await drag(solar!.id, { x: lostBox.x, y: lostBox.top + 60 }, 'Lost');
    await page.getByRole('dialog', { name: 'Why was Solar farm monitoring lost?' }).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await inStage('Proposal', solar!.id).waitFor();
    expect((await call<{ status: string }>(u, 'GET', `/deals/${solar!.id}`)).status).toBe('open');
    await drag(solar!.id, { x: lostBox.x, y: lostBox.top + 60 }, 'Lost');
    await pick(page, 'Reason', 'No budget', page.getByRole('dialog'));
    await page.getByRole('dialog').getByRole('button', { name: 'Mark lost' }).click();
    await inStage('Lost', solar!.id).waitFor();
    await eventually(async () => {
      const d = await call(u, 'GET', `/deals/${solar!.id}`);
      expect(d).toMatchObject({ status: 'lost', lostReason: 'No budget', stageId: stageId('Lost') });
    });
    await context.close();
  }, 120_000);
});

describe('CRM console: phone width', () => {
  it('shows the board and the contacts table on a phone, dark, without sideways scrolling of the page', async () => {
    const u = await crmUser();
    await seed(u);
    const { page, context } = await c.newPage({ width: 390, height: 844, colorScheme: 'dark' });
    page.setDefaultTimeout(20_000);
    await signInAt(page, u.email, u.password, '/crm/deals');
    await page.getByRole('region', { name: 'Stage Lead' }).waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await cleanScreenshot(c, page, 'crm-board-phone-dark');
    await page.getByRole('tab', { name: 'Contacts' }).click();
    await page.getByRole('table', { name: 'Contacts' }).getByText('Maya Okafor').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await context.close();
  }, 120_000);
});

describe('CRM console: contacts table and record page', () => {
  it('filters contacts on a tag and a custom field, saves the view and opens it again', async () => {
    const u = await crmUser();
    await seed(u);
    const { page, context } = await signedIn(c, u.email, u.password, '/crm/contacts', {
      width: 1440,
      height: 900,
    });
    const table = page.getByRole('table', { name: 'Contacts' });
    await table.getByText('Maya Okafor').waitFor();
    const rows = () => table.locator('tbody tr').count();
    await expect.poll(rows).toBe(CONTACTS.length);
    await cleanScreenshot(c, page, 'crm-contacts');

    const addFilter = async (field: string, value: string, select: boolean) => {
      await page.getByRole('button', { name: 'Add filter' }).click();
      const pop = page.locator('.mantine-Popover-dropdown');
      await pick(page, 'Field', field, pop);
      if (select) await pick(page, 'Value', value, pop);
      else await pop.getByRole('textbox', { name: 'Value', exact: true }).fill(value);
      await pop.getByRole('button', { name: 'Apply filter' }).click();
    };
    await addFilter('Tier', 'gold', true);
    await expect.poll(rows).toBe(CONTACTS.filter((x) => x[5] === 'gold').length);
    await addFilter('Tags', 'vip', false);
    const vipGold = CONTACTS.filter((x) => x[5] === 'gold' && (x[4] as readonly string[]).includes('vip'));
    await expect.poll(rows).toBe(vipGold.length);
    await table.getByText('Priya Raman').waitFor();
    expect(await table.getByText('Chloe Martin').count()).toBe(0);

    // The view keeps its columns too: Job title is hidden before saving.
    const jobTitle = table.getByRole('columnheader', { name: 'Job title' });
    await jobTitle.waitFor();
    await page.getByRole('button', { name: 'Columns' }).click();
    await page
      .getByRole('group', { name: 'Columns shown' })
      .getByRole('checkbox', { name: 'Job title' })
      .uncheck();
    await page.keyboard.press('Escape');
    await jobTitle.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByRole('textbox', { name: 'View name' }).fill('Gold VIPs');
    await page.getByRole('dialog').getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('View “Gold VIPs” saved').waitFor();
    const views = await call<{ items: { name: string; query: { filter: unknown }; columns: string[] }[] }>(
      u,
      'GET',
      '/views?entity=contact',
    );
    expect(views.items).toEqual([
      expect.objectContaining({
        name: 'Gold VIPs',
        query: expect.objectContaining({ filter: { 'custom.tier': { eq: 'gold' }, tags: { has: 'vip' } } }),
      }),
    ]);
    expect(views.items[0]!.columns).not.toContain('jobTitle');
    expect(views.items[0]!.columns).toContain('emails');

    // A fresh page (with nothing in this browser's storage) shows everyone and every column;
    // picking the view brings its filters and its columns back from the hub.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await table.getByText('Chloe Martin').waitFor();
    await expect.poll(rows).toBe(CONTACTS.length);
    await jobTitle.waitFor();
    await pick(page, 'Saved view', 'Gold VIPs');
    await expect.poll(rows).toBe(vipGold.length);
    await jobTitle.waitFor({ state: 'detached' });
    await page.getByText('Tier is gold').waitFor();
    await page.getByText('Tags includes vip').waitFor();

    await page.getByRole('button', { name: 'Delete view' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete view' }).click();
    await page.getByText('View “Gold VIPs” deleted').waitFor();
    expect((await call<{ items: unknown[] }>(u, 'GET', '/views?entity=contact')).items).toEqual([]);
    await context.close();
  }, 120_000);

  it('edits a contact in place, adds a note, completes a task, merges a duplicate; the company page lists its people', async () => {
    const u = await crmUser();
    const s = await seed(u);
    const maya = s.contacts[0]!;
    await call(u, 'POST', '/activities', {
      type: 'call',
      contactId: maya.id,
      subject: 'Discovery call',
      body: 'Wants scanners in all three warehouses before peak season.',
      durationMinutes: 35,
    });
    await call(u, 'POST', '/activities', {
      type: 'task',
      contactId: maya.id,
      subject: 'Send the rollout quote',
      dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      assigneeId: u.userId,
    });
    // Someone entered Maya twice: same e-mail, another spelling.
    const twin = await call(u, 'POST', '/contacts', {
      firstName: 'Maya',
      lastName: 'Okafor-Reid',
      emails: ['maya@northwind.example'],
      tags: ['webinar'],
    });
    const { page, context } = await signedIn(c, u.email, u.password, `/crm/contacts/${maya.id}`, {
      width: 1440,
      height: 900,
    });
    await page.getByRole('heading', { name: 'Maya Okafor', level: 1 }).waitFor();
    await page.getByText('Discovery call').waitFor();

    await page.getByRole('button', { name: 'Edit Job title' }).click();
    await page.getByRole('textbox', { name: 'Job title' }).fill('VP Operations');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Edit Job title' }).getByText('VP Operations').waitFor();
    expect((await call<{ jobTitle: string }>(u, 'GET', `/contacts/${maya.id}`)).jobTitle).toBe(
      'VP Operations',
    );

    await page.getByRole('button', { name: 'Note', exact: true }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Title' }).fill('Budget approved');
    await page
      .getByRole('dialog')
      .getByLabel('Note', { exact: true })
      .fill('Signed off by the CFO on Friday.');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByText('Budget approved').waitFor();

    await page.getByLabel('Send the rollout quote').check();
    await page.getByText('Task “Send the rollout quote” completed').waitFor();
    const open = await call<{ items: unknown[] }>(u, 'GET', `/activities?contactId=${maya.id}&open=true`);
    expect(open.items).toHaveLength(0);
    const notes = await call<{ items: { subject: string }[] }>(
      u,
      'GET',
      `/activities?contactId=${maya.id}&type=note`,
    );
    expect(notes.items.map((n) => n.subject)).toEqual(['Budget approved']);

    // The duplicate is offered for merging; merging keeps Maya with the twin's tag.
    await page.getByText('Possible duplicates').waitFor();
    await page.getByRole('button', { name: 'Merge Maya Okafor-Reid into this contact' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Merge' }).click();
    await page.getByText('1 duplicate merged').waitFor();
    await page.getByText('Possible duplicates').waitFor({ state: 'detached' });
    const twinRes = await inject(c.app, {
      method: 'GET',
      url: `/api/brain/crm/contacts/${twin.id}`,
      headers: bearer(u.token),
    });
    expect(twinRes.statusCode).toBe(404);
    expect((await call<{ tags: string[] }>(u, 'GET', `/contacts/${maya.id}`)).tags).toContain('webinar');
    await page.reload();
    await page.getByRole('heading', { name: 'Maya Okafor', level: 1 }).waitFor();
    await page.getByText('Budget approved').waitFor();
    await cleanScreenshot(c, page, 'crm-contact');

    // Her company's page lists its people and deals.
    await page.getByRole('link', { name: 'Northwind Traders' }).first().click();
    await page.getByRole('heading', { name: 'Northwind Traders', level: 1 }).waitFor();
    await page.getByText('People (2)').waitFor();
    await page.getByText('Warehouse scanners rollout').waitFor();
    await context.close();
  }, 120_000);

  it('bulk-updates and bulk-deletes selected contacts and exports the filtered list as CSV', async () => {
    const u = await crmUser();
    const s = await seed(u);
    const { page, context } = await signedIn(c, u.email, u.password, '/crm/contacts', {
      width: 1440,
      height: 900,
    });
    const table = page.getByRole('table', { name: 'Contacts' });
    await table.getByText('Maya Okafor').waitFor();

    await page.getByRole('checkbox', { name: 'Select Maya Okafor' }).check();
    await page.getByRole('checkbox', { name: 'Select Priya Raman' }).check();
    await page.getByText('2 contacts selected').waitFor();
    await page.getByRole('button', { name: 'Update selected' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Add tags').first().fill('q4-campaign');
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Apply to 2' }).click();
    await page.getByText('2 contacts updated').waitFor();
    await page.getByText('2 contacts selected').waitFor({ state: 'detached' });
    const tagged = await call<{ items: { lastName: string }[] }>(
      u,
      'GET',
      `/contacts?filter=${encodeURIComponent(JSON.stringify({ tags: 'q4-campaign' }))}&sort=lastName`,
    );
    expect(tagged.items.map((x) => x.lastName)).toEqual(['Okafor', 'Raman']);

    const daniel = s.contacts.find((x) => x.lastName === 'Kim')!;
    await page.getByRole('checkbox', { name: 'Select Daniel Kim' }).check();
    await page.getByRole('button', { name: 'Delete selected' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await table.getByText('Daniel Kim').waitFor({ state: 'detached' });
    expect(await statusOf(c, u, `/contacts/${daniel.id}`)).toBe(404);

    // The export holds exactly the filtered rows (the search box narrows it too).
    await page.getByRole('textbox', { name: 'Search contacts' }).fill('okafo');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    const { filename, lines: csv } = await exportCsv(page);
    expect(filename).toBe('contacts.csv');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain('Okafor');
    expect(csv[1]).toContain('q4-campaign');
    await context.close();
  }, 120_000);

  it('bulk-updates status and tags of selected leads, deletes one and exports the searched leads (lead routes)', async () => {
    const u = await crmUser();
    const s = await seed(u);
    const { page, context } = await signedIn(c, u.email, u.password, '/crm/leads', {
      width: 1440,
      height: 900,
    });
    const table = page.getByRole('table', { name: 'Leads' });
    await table.getByText('Olivia Chen').waitFor();
    // Every bulk action and the export is one request to the lead routes, never a call per row.
    const perRow: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/brain\/crm\/leads\/[0-9a-f-]{36}$/.test(r.url()) && r.method() !== 'GET')
        perRow.push(`${r.method()} ${r.url()}`);
    });

    await page.getByRole('checkbox', { name: 'Select Olivia Chen' }).check();
    await page.getByRole('checkbox', { name: 'Select Raj Mehta' }).check();
    await page.getByText('2 leads selected').waitFor();
    await page.getByRole('button', { name: 'Update selected' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Status', exact: true }).click();
    await page.getByRole('option', { name: 'qualified', exact: true }).click();
    await dialog.getByLabel('Add tags').first().fill('q4-leads');
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Apply to 2' }).click();
    await page.getByText('2 leads updated').waitFor();
    await page.getByText('2 leads selected').waitFor({ state: 'detached' });
    await dialog.waitFor({ state: 'detached' });
    const tagged = await call<{ items: { lastName: string; status: string }[] }>(
      u,
      'GET',
      `/leads?filter=${encodeURIComponent(JSON.stringify({ tags: 'q4-leads' }))}&sort=lastName`,
    );
    expect(tagged.items.map((x) => `${x.lastName}:${x.status}`)).toEqual([
      'Chen:qualified',
      'Mehta:qualified',
    ]);

    const emily = s.leads.find((x) => x.lastName === 'Brown')!;
    await page.getByRole('checkbox', { name: 'Select Emily Brown' }).check();
    await page.getByRole('button', { name: 'Delete selected' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText('1 leads deleted').waitFor();
    await table.getByText('Emily Brown').waitFor({ state: 'detached' });
    expect(await statusOf(c, u, `/leads/${emily.id}`)).toBe(404);

    // The export streams exactly the searched rows (by the e-mail domain, migration 0011).
    await page.getByRole('textbox', { name: 'Search leads' }).fill('meridianhotels');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    const { filename, lines: csv } = await exportCsv(page);
    expect(filename).toBe('leads.csv');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain('Chen');
    expect(csv[1]).toContain('qualified');
    expect(csv[1]).toContain('q4-leads');
    expect(perRow).toEqual([]);
    await context.close();
  }, 120_000);

  it('shows lead scores with their reasons and converts a lead into a contact, a company and a deal', async () => {
    const u = await crmUser();
    const s = await seed(u);
    const sofia = s.leads.find((x) => x.lastName === 'Andersson')!;
    const { page, context } = await signedIn(c, u.email, u.password, '/crm/leads', {
      width: 1440,
      height: 900,
    });
    const table = page.getByRole('table', { name: 'Leads' });
    await table.getByText('Sofia Andersson').waitFor();
    await page.getByTestId(`row-${sofia.id}`).getByLabel('Score 90').waitFor();
    await page
      .getByTestId(`row-${s.leads.find((x) => x.lastName === 'Brown')!.id}`)
      .getByLabel('Score 0')
      .waitFor();

    await cleanScreenshot(c, page, 'crm-leads');
    await table.getByRole('link', { name: 'Sofia Andersson' }).click();
    await page.getByRole('heading', { name: 'Sofia Andersson', level: 1 }).waitFor();
    await page.getByText('Decision maker title').waitFor();
    await page.getByRole('button', { name: 'Convert', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Amount' }).fill('25000');
    await dialog.getByRole('button', { name: 'Convert lead' }).click();
    await page.getByRole('link', { name: 'Open the deal' }).waitFor();
    const lead = await call<{ status: string; contactId: string; companyId: string; dealId: string }>(
      u,
      'GET',
      `/leads/${sofia.id}`,
    );
    expect(lead.status).toBe('converted');
    const contact = await call<{ emails: string[]; companyId: string }>(
      u,
      'GET',
      `/contacts/${lead.contactId}`,
    );
    expect(contact.emails).toEqual(['sofia@nordicfoods.example']);
    expect(contact.companyId).toBe(lead.companyId);
    const deal = await call<{ amount: number; contactId: string }>(u, 'GET', `/deals/${lead.dealId}`);
    expect(deal).toMatchObject({ amount: 25000, contactId: lead.contactId });
    await cleanScreenshot(c, page, 'crm-lead');
    await context.close();
  }, 120_000);

  it('sorts by clicking a header and loads more rows with the cursor', async () => {
    const u = await crmUser();
    for (let i = 0; i < 55; i++)
      await call(u, 'POST', '/contacts', {
        firstName: `Guest ${String(i).padStart(2, '0')}`,
        lastName: `Visitor${String(i).padStart(2, '0')}`,
      });
    const { page, context } = await signedIn(c, u.email, u.password, '/crm/contacts');
    const table = page.getByRole('table', { name: 'Contacts' });
    const rows = () => table.locator('tbody tr').count();
    await expect.poll(rows).toBe(50);
    await page.getByText('50 contacts shown, more to load').waitFor();
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(rows).toBe(55);
    await page.getByText('55 contacts shown').waitFor();

    await page.getByRole('button', { name: 'Sort by Name' }).click();
    await expect.poll(() => table.locator('tbody tr').first().textContent()).toContain('Visitor00');
    await page.getByRole('button', { name: 'Sort by Name' }).click();
    await expect.poll(() => table.locator('tbody tr').first().textContent()).toContain('Visitor54');
    expect(await table.locator('th[aria-sort="descending"]').textContent()).toContain('Name');
    await context.close();
  }, 120_000);
});
