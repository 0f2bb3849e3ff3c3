import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedUser } from '../../server/test/auth-helpers.js';
import { type Console, startConsole } from './harness.js';

let c: Console;
beforeAll(async () => {
  c = await startConsole();
}, 90_000);
afterAll(() => c?.close());

describe('console sign-in', () => {
  it('signs in with e-mail and password and lands on the dashboard', async () => {
    const user = await createVerifiedUser(c.app);
    const { page, context } = await c.newPage();
    await page.goto('/settings/members');
    await page.waitForURL(/\/signin\?next=/);
    await page
      .getByLabel(/e-?mail/i)
      .first()
      .fill(user.email);
    await page.getByLabel(/^password/i).fill(user.password);
    await page.getByRole('button', { name: /sign in/i }).click();
    // Back where the user was going, signed in.
    await page.waitForURL(/\/settings\/members$/);
    const cookies = await context.cookies();
    expect(cookies.find((k) => k.name === 'bos_at')?.httpOnly).toBe(true);
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await c.screenshot(page, 'dashboard');
    await context.close();
  }, 60_000);

  it('shows a wrong password next to the form, without leaving the page', async () => {
    const { page, context } = await c.newPage();
    await page.goto('/signin');
    await page
      .getByLabel(/e-?mail/i)
      .first()
      .fill('nobody@example.com');
    await page.getByLabel(/^password/i).fill('not-the-password-123');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByText(/e-mail address or the password is wrong/i).waitFor();
    expect(page.url()).toMatch(/\/signin/);
    await c.screenshot(page, 'signin');
    await context.close();
  }, 60_000);
});
