import type { Page } from 'playwright-core';
import type { Console } from './harness.js';

/** Signs in through the sign-in page, opening `next` afterwards, and waits for its h1. */
export async function signInAt(page: Page, email: string, password: string, next = '/') {
  await page.goto(`/signin?next=${encodeURIComponent(next)}`);
  await page
    .getByLabel(/e-?mail/i)
    .first()
    .fill(email);
  await page.getByLabel(/^password/i).fill(password);
  await page.getByRole('button', { name: /^sign in$/i }).click();
  await page.waitForURL((u) => u.pathname === next.split('?')[0]);
  // The URL changes before the signed-in shell replaces the sign-in form (whose fields share labels).
  await page.getByRole('button', { name: /^account menu for/i }).waitFor();
  await page.getByRole('button', { name: /^sign in$/i }).waitFor({ state: 'detached' });
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

/** A fresh browser profile signed in as `email`, on `next`. */
export async function signedIn(
  c: Console,
  email: string,
  password: string,
  next = '/',
  opts?: Parameters<Console['newPage']>[0],
) {
  const { page, context } = await c.newPage(opts);
  await signInAt(page, email, password, next);
  return { page, context };
}

/** The name of a user's own tenant (sign-up creates one per user). */
export async function tenantName(c: Console, tenantId: string): Promise<string> {
  const { rows } = await c.app.hub.db.admin.query('select name from identity.tenants where id = $1', [
    tenantId,
  ]);
  return rows[0].name;
}

/** A screenshot without the notifications that happen to be on screen (they cover the header). */
export async function cleanScreenshot(c: Console, page: Page, name: string) {
  const close = page.locator('.mantine-Notification-closeButton');
  for (let i = 0; i < 10 && (await close.count()); i++)
    await close
      .first()
      .click({ timeout: 1000 })
      .catch(() => {});
  await page
    .locator('.mantine-Notification-root')
    .first()
    .waitFor({ state: 'detached', timeout: 3000 })
    .catch(() => {});
  return c.screenshot(page, name);
}
