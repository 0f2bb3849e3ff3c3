import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedUser, newEmail, PASSWORD } from '../../server/test/auth-helpers.js';
import { type Console, pathOf, startConsole } from './harness.js';
import { cleanScreenshot, signedIn, tenantName } from './sign-in.js';

let c: Console;
beforeAll(async () => {
  c = await startConsole();
}, 120_000);
afterAll(() => c?.close());

const roleOf = async (tenantId: string, email: string) => {
  const { rows } = await c.app.hub.db.admin.query(
    `select m.role from identity.memberships m join identity.users u on u.id = m.user_id
     where m.tenant_id = $1 and u.email = $2`,
    [tenantId, email],
  );
  return rows[0]?.role as string | undefined;
};

describe('settings: members, invitations, tenant switching', () => {
  it('invites by e-mail; the invitee accepts from the mail; the inviter sees and manages the member', async () => {
    const owner = await createVerifiedUser(c.app);
    const { page, context } = await signedIn(c, owner.email, owner.password, '/settings/members');
    const email = newEmail('invitee');
    await page.getByLabel(/^e-mail address/i).fill(email);
    await page.getByRole('button', { name: /send invitation/i }).click();
    await page.getByText(`Invitation sent to ${email}`).waitFor();
    await page
      .getByRole('table', { name: /pending invitations/i })
      .getByText(email)
      .waitFor();

    // The invitee opens the mailed link in another browser and joins with a name and a password.
    const mail = await c.smtp.waitFor(email, /invited/i);
    const link = mail.links.find((l) => l.includes('/accept-invitation?token='));
    expect(link).toBeTruthy();
    const invitee = await c.newPage();
    await invitee.page.goto(pathOf(link!));
    await invitee.page.getByLabel(/your name/i).fill('Ravi Kumar');
    await invitee.page.getByLabel(/choose a password/i).fill(PASSWORD);
    await invitee.page.getByRole('button', { name: /create account and join/i }).click();
    await invitee.page.waitForURL((u) => u.pathname === '/');
    await invitee.context.close();

    // The inviter sees the new member, and no pending invitation for them.
    await page.reload();
    const row = page.getByTestId(`member-${email}`);
    await row.getByText('Ravi Kumar').waitFor();
    expect(await page.getByRole('table', { name: /pending invitations/i }).count()).toBe(0);

    // Role change through the select.
    await page.getByRole('combobox', { name: 'Role of Ravi Kumar' }).click();
    await page.getByRole('option', { name: 'Viewer' }).click();
    await page.getByText(/Ravi Kumar is now Viewer/).waitFor();
    expect(await roleOf(owner.tenantId, email)).toBe('viewer');

    // The last owner cannot demote themselves: the hub's reason shows above the table.
    await page.getByRole('combobox', { name: 'Role of Test User' }).click();
    await page.getByRole('option', { name: 'Admin' }).click();
    await page.getByText(/this is the last owner/i).waitFor();
    expect(await roleOf(owner.tenantId, owner.email)).toBe('owner');

    // A second invitation stays pending (for the screenshot).
    await page.getByLabel(/^e-mail address/i).fill(newEmail('sam'));
    await page.getByRole('button', { name: /send invitation/i }).click();
    await page.getByRole('table', { name: /pending invitations/i }).waitFor();
    await cleanScreenshot(c, page, 'members');

    // Removing asks first.
    await page.getByRole('button', { name: 'Remove Ravi Kumar' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await row.waitFor({ state: 'detached' });
    expect(await roleOf(owner.tenantId, email)).toBeUndefined();
    await context.close();
  }, 90_000);

  it('switches tenant with the header switcher', async () => {
    const a = await createVerifiedUser(c.app);
    const b = await createVerifiedUser(c.app);
    await c.app.hub.db.admin.query(
      `insert into identity.memberships (tenant_id, id, user_id, role, source) values ($1, gen_random_uuid(), $2, 'admin', 'direct')`,
      [b.tenantId, a.userId],
    );
    const [nameA, nameB] = [await tenantName(c, a.tenantId), await tenantName(c, b.tenantId)];
    const { page, context } = await signedIn(c, a.email, a.password, '/');
    const switcher = page.getByRole('button', { name: /^Tenant: .*Switch tenant$/ });
    const current = (await switcher.getAttribute('aria-label')) ?? '';
    const [from, to] = current.includes(nameA) ? [nameA, nameB] : [nameB, nameA];
    await switcher.click();
    await page.getByRole('menuitem', { name: new RegExp(to) }).click();
    await page.getByRole('button', { name: `Tenant: ${to}. Switch tenant` }).waitFor();
    await page.getByText(`You are working in ${to}.`).waitFor();
    const me = await page.evaluate(() => fetch('/api/brain/auth/me').then((r) => r.json()));
    expect(me.activeTenant.tenantName).toBe(to);
    expect(from).not.toBe(to);
    await context.close();
  }, 60_000);

  it('shows a phone-width, dark members page without sideways scrolling', async () => {
    const owner = await createVerifiedUser(c.app);
    const { page, context } = await signedIn(c, owner.email, owner.password, '/settings/members', {
      width: 390,
      height: 844,
      colorScheme: 'dark',
    });
    await page.getByRole('button', { name: /send invitation/i }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await cleanScreenshot(c, page, 'members-phone-dark');
    await context.close();
  }, 60_000);
});

describe('settings: API keys, audit log, tenant settings', () => {
  it('creates an API key shown once with a copy button; the key works until revoked, then gets 401', async () => {
    const owner = await createVerifiedUser(c.app);
    const { page, context } = await signedIn(c, owner.email, owner.password, '/settings/api-keys');
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByText('No API keys yet').waitFor();

    const create = async (name: string, scopes: string[]) => {
      await page.getByRole('button', { name: 'New API key' }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/^name/i).fill(name);
      for (const s of scopes) await dialog.getByRole('checkbox', { name: s }).check();
      await dialog.getByRole('button', { name: 'Create key' }).click();
      await dialog.getByText(/will not be shown again/i).waitFor();
      const key = (await dialog.getByTestId('api-key-secret').textContent())?.trim() ?? '';
      return { dialog, key };
    };

    const { dialog, key } = await create('Website sync', ['Identity read', 'CRM write']);
    expect(key).toMatch(/^bzk_/);
    await cleanScreenshot(c, page, 'api-key-created');
    await dialog.getByRole('button', { name: 'Copy the key' }).click();
    await dialog.getByRole('button', { name: 'Copy the key' }).getByText('Copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await dialog.getByRole('button', { name: /i have stored the key/i }).click();

    // Write implies read: CRM write brought CRM read along.
    const row = page.getByTestId('api-key-Website sync');
    await row.getByText('CRM read').waitFor();
    expect(await row.getByText(key).count()).toBe(0);

    const call = () =>
      fetch(`${c.url}/api/brain/identity/members`, { headers: { authorization: `Bearer ${key}` } });
    expect((await call()).status).toBe(200);

    const second = await create('Reporting', ['Analytics read']);
    await second.dialog.getByRole('button', { name: /i have stored the key/i }).click();

    await page.getByRole('button', { name: 'Revoke Website sync' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('revoked', { exact: true }).waitFor();
    expect((await call()).status).toBe(401);
    await cleanScreenshot(c, page, 'api-keys');
    await context.close();
  }, 90_000);

  it('reads the audit log with readable labels, filters and "Load more"', async () => {
    const owner = await createVerifiedUser(c.app);
    // Enough history for a second page.
    await c.app.hub.db.admin.query(
      `insert into identity.audit_log (tenant_id, id, action, actor_kind, actor_id, actor_email, target_type, target_id, at, data)
       select $1, gen_random_uuid(), 'signin.succeeded', 'user', $2, $3, 'session', gen_random_uuid(),
              now() - make_interval(mins => n), '{"method":"password"}'
       from generate_series(1, 60) n`,
      [owner.tenantId, owner.userId, owner.email],
    );
    const { page, context } = await signedIn(c, owner.email, owner.password, '/settings/api-keys');
    await page.getByRole('button', { name: 'New API key' }).first().click();
    await page.getByRole('dialog').getByLabel(/^name/i).fill('Nightly export');
    await page.getByRole('dialog').getByRole('checkbox', { name: 'Store read' }).check();
    await page.getByRole('dialog').getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('button', { name: /i have stored the key/i }).click();

    await page.goto('/settings/audit-log');
    const rows = page.getByRole('table', { name: 'Audit log' }).locator('tbody tr');
    await page.getByText('API key created').first().waitFor();
    expect(await rows.count()).toBe(50);
    await cleanScreenshot(c, page, 'audit-log');
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByText(/entries; that is all/).waitFor();
    expect(await rows.count()).toBeGreaterThan(60);

    await page.getByRole('combobox', { name: 'Action' }).click();
    await page.getByRole('option', { name: 'API keys (all)' }).click();
    await page.getByText('1 entry; that is all.').waitFor();
    await rows.first().getByText('API key created').waitFor();

    // A day range before any entry finds nothing, and says how to see more.
    await page.getByLabel('To', { exact: true }).fill('2020-01-01');
    await page.getByText('Nothing matches these filters').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.getByText(/entries; that is all/).waitFor(); // both pages, from the cache
    expect(await rows.count()).toBeGreaterThan(60);
    await context.close();
  }, 90_000);

  it('saves tenant settings and shows the hub’s field errors next to the fields', async () => {
    const owner = await createVerifiedUser(c.app);
    const { page, context } = await signedIn(c, owner.email, owner.password, '/settings/tenant');
    const domain = page.getByRole('textbox', { name: /custom domain/i });
    await domain.fill('not a domain');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => domain.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('The settings were not saved').count()).toBe(0);

    await domain.fill('app.example.com');
    await page.getByRole('textbox', { name: /^name/i }).fill('Northwind Traders');
    await page.getByRole('textbox', { name: /brand colour/i }).fill('#0ca678');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Tenant settings saved').waitFor();
    const { rows } = await c.app.hub.db.admin.query(
      'select name, settings from identity.tenants where id = $1',
      [owner.tenantId],
    );
    expect(rows[0]).toMatchObject({
      name: 'Northwind Traders',
      settings: { customDomain: 'app.example.com', brandColor: '#0ca678' },
    });
    await page.getByRole('button', { name: /Tenant: Northwind Traders/ }).waitFor();
    await context.close();
  }, 60_000);
});
