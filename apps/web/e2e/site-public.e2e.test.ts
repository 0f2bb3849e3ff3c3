import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Console, SCREENSHOTS, startConsole } from './harness.js';

/** Bizoholic's public site in Chromium with JavaScript turned off: read it, and send the contact form. */
let c: Console;
beforeAll(async () => {
  c = await startConsole({ SEED_DEMO: 'true' });
}, 180_000);
afterAll(() => c?.close());

const noJs = async (width = 1280, height = 800) => {
  const context = await c.browser.newContext({
    baseURL: c.url,
    viewport: { width, height },
    javaScriptEnabled: false,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { page, context };
};

describe('public site (JavaScript off)', () => {
  it('shows the home page and a blog post, themed and readable', async () => {
    const { page, context } = await noJs();
    const res = await page.goto('/sites/bizoholic/');
    expect(res?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: 'Marketing that pays for itself' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Home', 'Services', 'About', 'Blog', 'Contact'])
      await nav.getByRole('link', { name }).waitFor();
    expect(await page.locator('script').count()).toBe(0);
    const primary = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--c-primary'),
    );
    expect(primary.trim()).toBe('#5b3cc4');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'site-home.png'), fullPage: true });

    await nav.getByRole('link', { name: 'Blog' }).click();
    await page.getByRole('heading', { level: 1, name: 'Blog' }).waitFor();
    await page.getByRole('link', { name: 'The local SEO checklist we run for every new client' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'The local SEO checklist we run for every new client' })
      .waitFor();
    await page.getByText('by Alex Rivera').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'site-post.png'), fullPage: true });
    await context.close();
  });

  it('sends the contact form without JavaScript and the lead lands in the CRM', async () => {
    const { page, context } = await noJs();
    await page.goto('/sites/bizoholic/contact');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'site-contact.png'), fullPage: true });
    const email = `e2e-${Date.now()}@example.com`;
    await page.getByLabel('First name').fill('Erin');
    await page.getByLabel('Last name').fill('Example');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('How can we help?').fill('A new website, please');
    await page.getByLabel(/I agree that Bizoholic may contact me/).check();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Thank you! We will get back to you within one business day.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sites/bizoholic/contact');
    const { rows } = await c.app.hub.db.admin.query(
      `select l.first_name, t.slug from crm.leads l join identity.tenants t on t.id = l.tenant_id where l.email = $1`,
      [email],
    );
    expect(rows).toEqual([{ first_name: 'Erin', slug: 'bizoholic' }]);
    await context.close();
  });

  it('answers unknown pages with the themed 404', async () => {
    const { page, context } = await noJs(390, 844);
    const res = await page.goto('/sites/bizoholic/no-such-page');
    expect(res?.status()).toBe(404);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'site-404-phone.png') });
    await context.close();
  });
});
