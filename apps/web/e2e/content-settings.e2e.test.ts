import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubCall, tenantAdmin } from './content-helpers.js';
import { type Console, startConsole } from './harness.js';
import { cleanScreenshot, signedIn } from './sign-in.js';

let c: Console;
beforeAll(async () => {
  c = await startConsole();
}, 180_000);
afterAll(() => c?.close());

interface SiteJson {
  id: string;
  theme: { colors?: { primary: string } };
  settings: { tagline?: string };
  navigation: { label: string; pageId?: string; url?: string }[];
  domains: { host: string; status: string; verification: { name: string } }[];
}

describe('content console: posts and site settings', () => {
  it('writes a post with a new category and tags; the posts list shows them', async () => {
    const admin = await tenantAdmin(c);
    const { page, context } = await signedIn(c, admin.email, admin.password, '/content');
    await page.getByRole('heading', { name: 'Create your website' }).waitFor();
    await hubCall(page, 'POST', '/api/brain/cms/sites', { name: 'Acme', handle: 'acme', isPrimary: true });
    await page.reload();
    await page.getByRole('button', { name: 'New post' }).click();
    const dialog = page.getByRole('dialog', { name: 'New post' });
    await dialog.getByLabel('Title').fill('Launch notes: March');
    await dialog.getByRole('button', { name: 'Create post' }).click();
    await page.getByRole('heading', { level: 1, name: 'Launch notes: March' }).waitFor();
    const postId = new URL(page.url()).pathname.split('/').pop()!;

    await page.getByLabel('New category').fill('News');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('combobox', { name: 'Tags' }).fill('launch');
    await page.keyboard.press('Enter');
    await page.getByLabel('Excerpt').fill('What flew this month.');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Page settings saved').waitFor();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved').waitFor();
    const post = await hubCall<{
      path: string;
      tags: string[];
      categories: { name: string }[];
      content: { excerpt?: string };
    }>(page, 'GET', `/api/brain/cms/pages/${postId}`);
    expect(post).toMatchObject({
      path: '/blog/launch-notes-march',
      tags: ['launch'],
      categories: [{ name: 'News' }],
      content: { excerpt: 'What flew this month.' },
    });

    await page.goto('/content');
    await page.getByRole('tab', { name: 'Posts' }).click();
    const table = page.getByRole('table', { name: 'Posts' });
    await table.getByText('News').waitFor();
    await table.getByText('#launch').waitFor();
    await page.getByRole('textbox', { name: 'Search posts' }).fill('zzz-nothing');
    await page.getByText('No posts match').waitFor();
    await context.close();
  }, 120_000);

  it('saves the theme, navigation, a domain and a redirect; the public site uses them', async () => {
    const admin = await tenantAdmin(c);
    const { page, context } = await signedIn(c, admin.email, admin.password, '/content');
    await page.getByRole('heading', { name: 'Create your website' }).waitFor();
    const site = await hubCall<SiteJson>(page, 'POST', '/api/brain/cms/sites', {
      name: 'Acme Rockets',
      handle: 'acme',
      isPrimary: true,
    });
    const pricing = await hubCall<{ id: string }>(page, 'POST', '/api/brain/cms/pages', {
      siteId: site.id,
      kind: 'page',
      slug: 'pricing',
      title: 'Pricing',
      content: { title: 'Pricing', blocks: [{ id: 'h', type: 'heading', text: 'Plans', level: 1 }], seo: {} },
    });
    await hubCall(page, 'POST', `/api/brain/cms/pages/${pricing.id}/publish`, {});

    await page.goto('/content/settings');
    await page.getByRole('heading', { level: 1, name: 'Site settings' }).waitFor();
    await page.getByLabel('Tagline').fill('Rockets for everyone');
    await page.getByRole('textbox', { name: 'Primary colour' }).fill('#0ca678');
    await page.getByRole('button', { name: 'Save site settings' }).click();
    await page.getByText('Site settings saved').waitFor();

    await page.getByRole('button', { name: 'Add link' }).click();
    await page.getByRole('textbox', { name: 'Label' }).fill('Our prices');
    await page.getByRole('combobox', { name: 'Page' }).click();
    await page.getByRole('option', { name: 'Pricing (/pricing)' }).click();
    await page.getByRole('button', { name: 'Save navigation' }).click();
    await page.getByText('Navigation saved').waitFor();

    await page.getByRole('textbox', { name: 'New domain' }).fill('not a host!');
    await page.getByRole('button', { name: 'Add domain' }).click();
    await page.getByText(/must be a host name/).waitFor();
    await page.getByRole('textbox', { name: 'New domain' }).fill('www.acme-rockets.test');
    await page.getByRole('button', { name: 'Add domain' }).click();
    const domains = page.getByRole('table', { name: 'Domains' });
    await domains.getByText('www.acme-rockets.test', { exact: true }).waitFor();
    // Pending until its DNS TXT record is found: the console shows the record to create.
    await domains.getByText('Pending', { exact: true }).waitFor();
    await domains.getByText('_bizosaas-challenge.www.acme-rockets.test', { exact: true }).waitFor();
    await domains.getByText(/^bizosaas-site-verification=/).waitFor();
    await domains.getByRole('button', { name: 'Verify www.acme-rockets.test now' }).waitFor();
    // The notification sits at the bottom right, over the redirects card: close it as a user would.
    await page.getByText('www.acme-rockets.test was added').waitFor();
    await page.locator('.mantine-Notification-closeButton').first().click();

    await page.getByRole('textbox', { name: 'From path' }).fill('/prices');
    await page.getByRole('textbox', { name: 'To' }).fill('/pricing');
    await page.getByRole('button', { name: 'Add redirect' }).click();
    await page.getByRole('table', { name: 'Redirects' }).getByText('/prices').waitFor();
    await cleanScreenshot(c, page, 'content-settings');

    const saved = await hubCall<SiteJson>(page, 'GET', `/api/brain/cms/sites/${site.id}`);
    expect(saved.settings.tagline).toBe('Rockets for everyone');
    expect(saved.theme.colors?.primary).toBe('#0ca678');
    expect(saved.navigation).toEqual([{ label: 'Our prices', pageId: pricing.id }]);
    expect(saved.domains.map((d) => [d.host, d.status, d.verification.name])).toEqual([
      ['www.acme-rockets.test', 'pending', '_bizosaas-challenge.www.acme-rockets.test'],
    ]);

    // The public site: the menu link, the theme colour, the redirect.
    const html = await (await fetch(`${c.url}/sites/${admin.slug}/pricing`)).text();
    expect(html).toContain('Our prices');
    expect(html.toLowerCase()).toContain('#0ca678');
    const moved = await fetch(`${c.url}/sites/${admin.slug}/prices`, { redirect: 'manual' });
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toMatch(/\/pricing$/);
    await context.close();
  }, 120_000);

  it('fits the content home and the editor on a phone in dark mode (no sideways scrolling)', async () => {
    const admin = await tenantAdmin(c);
    const { page, context } = await signedIn(c, admin.email, admin.password, '/content', {
      width: 390,
      height: 844,
      colorScheme: 'dark',
    });
    await page.getByRole('heading', { name: 'Create your website' }).waitFor();
    const site = await hubCall<{ id: string }>(page, 'POST', '/api/brain/cms/sites', {
      name: 'Acme',
      handle: 'acme',
      isPrimary: true,
    });
    const p = await hubCall<{ id: string }>(page, 'POST', '/api/brain/cms/pages', {
      siteId: site.id,
      kind: 'page',
      slug: 'a-rather-long-page-address-for-phones',
      title: 'A rather long page title that has to wrap on a phone',
      content: {
        title: 'A rather long page title that has to wrap on a phone',
        blocks: [
          { id: 'h', type: 'heading', text: 'Hello', level: 2 },
          { id: 'r', type: 'richText', html: '<p>Text</p>' },
          {
            id: 'c',
            type: 'cta',
            heading: 'Go',
            buttonLabel: 'Call us',
            buttonUrl: '/contact',
            style: 'primary',
          },
        ],
        seo: {},
      },
    });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.reload();
    await page.getByRole('tree', { name: 'Page tree' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.goto(`/content/pages/${p.id}`);
    await page.getByRole('textbox', { name: 'Rich text' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await cleanScreenshot(c, page, 'content-editor-phone-dark');
    await context.close();
  }, 90_000);
});
