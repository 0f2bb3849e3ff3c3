import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSystemJob } from '../../server/src/platform/jobs/jobs.js';
import { createVerifiedUser, type TestUser } from '../../server/test/auth-helpers.js';
import { type Console, startConsole } from './harness.js';
import { cleanScreenshot, signedIn, tenantName } from './sign-in.js';

let c: Console;
let operator: TestUser;
beforeAll(async () => {
  c = await startConsole();
  operator = await createVerifiedUser(c.app);
  await c.app.hub.db.admin.query('update identity.users set is_operator = true where id = $1', [
    operator.userId,
  ]);
}, 120_000);
afterAll(() => c?.close());

const jobRow = async (id: string) =>
  (
    await c.app.hub.db.admin.query(
      'select attempts, max_attempts, last_error from graphile_worker._private_jobs where id = $1',
      [id],
    )
  ).rows[0] as { attempts: number; max_attempts: number; last_error: string | null } | undefined;

/** A job for a task no worker knows, made to look exhausted (every attempt used, with an error). */
async function failedJob(error: string) {
  const id = await addSystemJob(c.app.hub.db, 'e2e:does-not-exist', { n: 1 }, { maxAttempts: 3 });
  await c.app.hub.db.admin.query(
    'update graphile_worker._private_jobs set attempts = max_attempts, last_error = $2 where id = $1',
    [id, error],
  );
  return id;
}

describe('operator area', () => {
  it('suspends and reactivates a tenant with a reason, and opens one as operator (audited)', async () => {
    const customer = await createVerifiedUser(c.app);
    const name = await tenantName(c, customer.tenantId);
    const { rows } = await c.app.hub.db.admin.query('select slug from identity.tenants where id = $1', [
      customer.tenantId,
    ]);
    const slug = rows[0].slug as string;
    const { page, context } = await signedIn(c, operator.email, operator.password, '/operator/tenants');

    await page.getByRole('button', { name: 'New tenant' }).click();
    await page.getByRole('dialog').getByLabel(/^name/i).fill('Acme Agency');
    await page.getByRole('dialog').getByRole('button', { name: 'Create tenant' }).click();
    await page.getByText(/Acme Agency \(agency\) was created/).waitFor();

    await page.getByLabel('Search').fill(slug);
    const row = page.getByTestId(`tenant-${slug}`);
    await row.waitFor();
    await expect.poll(() => page.getByRole('table', { name: 'Tenants' }).locator('tbody tr').count()).toBe(1);

    await row.getByRole('button', { name: `Suspend ${name}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    await dialog.getByText('Give a reason first').waitFor();
    await dialog.getByLabel(/reason/i).fill('Unpaid invoices');
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    await row.getByText('suspended', { exact: true }).waitFor();
    const status = async () =>
      (
        await c.app.hub.db.admin.query('select status from identity.tenants where id = $1', [
          customer.tenantId,
        ])
      ).rows[0].status;
    expect(await status()).toBe('suspended');

    // The status filter finds it among the suspended ones.
    await page.getByLabel('Search').fill('');
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Suspended' }).click();
    await row.waitFor();
    await cleanScreenshot(c, page, 'operator-tenants');

    await row.getByRole('button', { name: `Reactivate ${name}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reactivate' }).click();
    await row.waitFor({ state: 'detached' }); // no longer suspended: filtered out
    expect(await status()).toBe('active');

    // Open as operator: the dashboard of that tenant, and an audit entry in it.
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Active' }).click();
    await page.getByLabel('Search').fill(slug);
    await row.getByRole('button', { name: `Open ${name} as operator` }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByText(`You are working in ${name}.`).waitFor();
    await page.getByText(/recorded in its audit log/).waitFor();
    const audit = await c.app.hub.db.admin.query(
      `select action, data from identity.audit_log where tenant_id = $1 and action in ('operator.opened_tenant', 'tenant.suspended', 'tenant.reactivated') order by at`,
      [customer.tenantId],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'tenant.suspended',
      'tenant.reactivated',
      'operator.opened_tenant',
    ]);
    expect(JSON.stringify(audit.rows[0].data)).toContain('Unpaid invoices');
    await context.close();
  }, 90_000);

  it('retries a failed job (attempts reset) and cancels another after confirmation', async () => {
    const failed = await failedJob('Error: SMTP server said 451 try again later');
    const other = await failedJob('TypeError: cannot read properties of undefined');
    const { page, context } = await signedIn(c, operator.email, operator.password, '/operator/jobs');
    await page.getByRole('tab', { name: 'Failed' }).click();
    const row = page.getByTestId(`job-${failed}`);
    await row.getByText(/451 try again later/).waitFor();
    await row.getByText('3 / 3').waitFor();
    await cleanScreenshot(c, page, 'operator-jobs');

    await row.getByRole('button', { name: `Retry job ${failed}` }).click();
    await page.getByText(`Job ${failed} (e2e:does-not-exist) will run again now`).waitFor();
    await row.waitFor({ state: 'detached' }); // not failed any more
    expect((await jobRow(failed))?.attempts).toBe(0);
    await page.getByRole('tab', { name: 'Queued' }).click();
    await page.getByTestId(`job-${failed}`).getByText('0 / 3').waitFor();

    await page.getByRole('tab', { name: 'Failed' }).click();
    await page.getByRole('button', { name: `Cancel job ${other}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel the job' }).click();
    await page.getByTestId(`job-${other}`).waitFor({ state: 'detached' });
    expect(await jobRow(other)).toBeUndefined();
    await context.close();
  }, 90_000);

  it('searches users, reads mail in a drawer and shows system status with metrics', async () => {
    const { page, context } = await signedIn(c, operator.email, operator.password, '/operator/users');
    await page.getByLabel('Search').fill(operator.email);
    await page.getByRole('table', { name: 'Users' }).getByText(operator.email).waitFor();
    await expect.poll(() => page.getByRole('table', { name: 'Users' }).locator('tbody tr').count()).toBe(1);

    await page.goto('/operator/mail');
    const first = page.getByRole('table', { name: 'Mail' }).getByRole('button').first();
    await first.click();
    await page.getByRole('dialog').getByText(/http/).first().waitFor();
    await page.keyboard.press('Escape');

    await page.goto('/operator/system');
    await page.getByText('Latency p50 / p99').waitFor();
    await page.getByText('DB pool: app').waitFor();
    await page.getByText('Readiness').waitFor();
    await cleanScreenshot(c, page, 'operator-system');
    await context.close();
  }, 60_000);
});
