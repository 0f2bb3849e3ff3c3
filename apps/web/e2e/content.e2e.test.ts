import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  blockTypes,
  createPage,
  createSite,
  dragBlock,
  dragOnto,
  getPage,
  hubCall,
  openContent,
  openEditor,
} from './content-helpers.js';
import { type Console, startConsole } from './harness.js';
import { settle } from './pointer.js';
import { cleanScreenshot } from './sign-in.js';

let c: Console;
beforeAll(async () => {
  c = await startConsole();
}, 180_000);
afterAll(() => c?.close());

describe('content console', () => {
  it('creates the site and a page, edits blocks, reorders them by drag, publishes, and the public site shows it', async () => {
    // No site yet: the first one is created from the content home.
    const { admin, page, context } = await openContent(c);
    await page.getByLabel('Site name').fill('Acme Rockets');
    await page.getByRole('button', { name: 'Create site' }).click();
    await page.getByRole('heading', { name: 'No pages yet' }).waitFor();

    // The first page, through the dialog; the editor opens on its draft.
    await page.getByRole('button', { name: 'Create the first page' }).click();
    const dialog = page.getByRole('dialog', { name: 'New page' });
    await dialog.getByLabel('Title').fill('About us');
    expect(await dialog.getByLabel('Slug').inputValue()).toBe('about-us');
    await dialog.getByRole('button', { name: 'Create page' }).click();
    await page.getByRole('heading', { level: 1, name: 'About us' }).waitFor();
    const pageId = new URL(page.url()).pathname.split('/').pop()!;

    // A heading and a rich-text block (bold through the toolbar).
    await page.getByRole('button', { name: 'Add block to Page blocks' }).click();
    await page.getByRole('menuitem', { name: /^Heading/ }).click();
    await page.getByLabel('Heading text').fill('Welcome to Acme Rockets');
    await page.getByRole('button', { name: 'Add block to Page blocks' }).click();
    await page.getByRole('menuitem', { name: /^Rich text/ }).click();
    const rich = page.getByRole('textbox', { name: 'Rich text' });
    await rich.click();
    await page.keyboard.type('We build ');
    await page.getByRole('button', { name: 'Bold', exact: true }).click();
    await page.keyboard.type('reusable');
    await page.getByRole('button', { name: 'Bold', exact: true }).click();
    await page.keyboard.type(' rockets.');
    await page.getByTestId('editor-status').getByText('unsaved changes').waitFor();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved').waitFor();
    await page.getByTestId('editor-status').getByText(/saved/).waitFor();
    let saved = await getPage<{ content: { blocks: { type: string; html?: string }[] } }>(page, pageId);
    expect(saved.content.blocks.map((b) => b.type)).toEqual(['heading', 'richText']);
    expect(saved.content.blocks[1]?.html).toContain('<strong>reusable</strong>');
    await cleanScreenshot(c, page, 'content-editor');

    // Drag the rich text above the heading; the new order is saved.
    await dragBlock(page, 'Drag Rich text block 2', 'Heading block 1');
    await expect.poll(() => blockTypes(page)).toEqual(['richText', 'heading']);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved').first().waitFor();
    await expect
      .poll(async () => {
        saved = await getPage(page, pageId);
        return saved.content.blocks.map((b) => b.type);
      })
      .toEqual(['richText', 'heading']);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'About us' }).waitFor();
    expect(await blockTypes(page)).toEqual(['richText', 'heading']);

    // Publish, then read it on the public site (server-rendered, no JavaScript needed).
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('About us is live').waitFor();
    await page
      .getByTestId('editor-status')
      .getByText(/^Live since/)
      .waitFor();
    const visitor = await c.browser.newContext({ baseURL: c.url, javaScriptEnabled: false });
    const pub = await visitor.newPage();
    const res = await pub.goto(`/sites/${admin.slug}/about-us`);
    expect(res?.status()).toBe(200);
    const body = (await pub.locator('body').innerText()).replace(/\s+/g, ' ');
    expect(body).toContain('Welcome to Acme Rockets');
    expect(body).toContain('We build reusable rockets.');
    expect(body.indexOf('We build reusable rockets.')).toBeLessThan(body.indexOf('Welcome to Acme Rockets'));
    expect(await pub.locator('strong', { hasText: 'reusable' }).count()).toBe(1);
    await visitor.close();
    await context.close();
  }, 150_000);

  it('shows the page tree with statuses, moves a page by drag, and the move persists', async () => {
    const { page, context } = await openContent(c);
    const site = await createSite(page, { name: 'Acme Rockets', isPrimary: true });
    const create = (title: string, slug: string, parentId: string | null = null, kind = 'page') =>
      createPage(page, {
        siteId: site.id,
        kind,
        parentId,
        slug,
        title,
        content: { title, blocks: [{ id: 'h1', type: 'heading', text: title, level: 1 }], seo: {} },
      });
    const home = await create('Home', '');
    const services = await create('Services', 'services');
    const seo = await create('SEO audits', 'seo', services.id);
    await create('Web design', 'web-design', services.id);
    const about = await create('About', 'about');
    const contact = await create('Contact', 'contact');
    for (const p of [home, services, seo, about])
      await hubCall(page, 'POST', `/api/brain/cms/pages/${p.id}/publish`, {});
    await hubCall(page, 'PUT', `/api/brain/cms/pages/${about.id}/draft`, {
      content: {
        title: 'About',
        blocks: [{ id: 'h1', type: 'heading', text: 'About Acme', level: 1 }],
        seo: {},
      },
    });
    await hubCall(page, 'PUT', `/api/brain/cms/pages/${contact.id}/schedule`, {
      publishAt: new Date(Date.now() + 86_400_000).toISOString(),
      unpublishAt: null,
    });
    await create('Launch notes', 'launch-notes', null, 'post');

    await page.reload();
    const tree = page.getByRole('tree', { name: 'Page tree' });
    await tree.waitFor();
    const row = (path: string) => page.getByTestId(`tree-${path}`);
    await row('/about').getByText('live + changes').waitFor();
    await row('/contact').getByText('scheduled').waitFor();
    await row('/services/web-design').getByText('draft').waitFor();
    expect(await row('/services/seo').getAttribute('aria-level')).toBe('2');

    // Drag "Contact" onto "About": it takes About's place among the top-level pages.
    await dragOnto(page, page.getByRole('button', { name: 'Drag Contact' }), row('/about'), 4);
    await page.getByText('Contact was moved').waitFor();
    const order = async () => {
      const { items } = await hubCall<{
        items: { title: string; parentId: string | null; position: number }[];
      }>(page, 'GET', `/api/brain/cms/sites/${site.id}/pages?kind=page`);
      return items
        .filter((p) => p.parentId === null)
        .sort((a, b) => a.position - b.position)
        .map((p) => p.title);
    };
    await expect.poll(order).toEqual(['Home', 'Services', 'Contact', 'About']);
    await page.reload();
    await tree.waitFor();
    const titles = await tree
      .locator('[role="treeitem"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(titles).toEqual([
      'tree-/',
      'tree-/services',
      'tree-/services/seo',
      'tree-/services/web-design',
      'tree-/contact',
      'tree-/about',
    ]);

    // Drag "About" to the right: it becomes a child of the page above it, and its old address redirects.
    const grip = await page.getByRole('button', { name: 'Drag About' }).boundingBox();
    if (!grip) throw new Error('About not on screen');
    const [x, y] = [grip.x + grip.width / 2, grip.y + grip.height / 2];
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 10, y, { steps: 3 });
    await page.mouse.move(x + 70, y, { steps: 10 });
    await settle(page);
    await page.mouse.up();
    await page.getByText('About was moved').waitFor();
    await expect
      .poll(async () => {
        const a = await getPage<{ parentId: string | null; path: string }>(page, about.id);
        return [a.parentId, a.path];
      })
      .toEqual([contact.id, '/contact/about']);
    const redirects = await hubCall<{ items: { fromPath: string; toUrl: string }[] }>(
      page,
      'GET',
      `/api/brain/cms/sites/${site.id}/redirects`,
    );
    expect(redirects.items).toMatchObject([{ fromPath: '/about', toUrl: '/contact/about' }]);
    await row('/contact/about').waitFor();
    expect(await row('/contact/about').getAttribute('aria-level')).toBe('2');
    await cleanScreenshot(c, page, 'content-tree');

    // The posts tab lists the post.
    await page.getByRole('tab', { name: 'Posts' }).click();
    await page.getByRole('table', { name: 'Posts' }).getByText('Launch notes').waitFor();
    await context.close();
  }, 120_000);

  it('uploads media with progress, edits alt text, refuses a lying file, and picks an image into a page', async () => {
    const { page, context } = await openContent(c);
    const site = await createSite(page, { isPrimary: true });
    const png = (r: number, g: number, b: number) =>
      sharp({ create: { width: 640, height: 420, channels: 3, background: { r, g, b } } })
        .png()
        .toBuffer();
    await page.goto('/content/media');
    await page.getByRole('heading', { name: 'Media library' }).waitFor();
    const input = page.getByLabel('Upload files');
    await input.setInputFiles([
      { name: 'launch-pad.png', mimeType: 'image/png', buffer: await png(30, 90, 200) },
      { name: 'engine-test.png', mimeType: 'image/png', buffer: await png(230, 120, 30) },
      { name: 'crew.png', mimeType: 'image/png', buffer: await png(40, 160, 90) },
    ]);
    for (const name of ['launch-pad.png', 'engine-test.png', 'crew.png'])
      await page.getByTestId(`media-${name}`).waitFor();
    expect(await page.getByText('uploaded', { exact: true }).count()).toBe(3);

    // Alt text.
    await page.getByTestId('media-launch-pad.png').getByRole('button').click();
    await page.getByRole('dialog').getByLabel('Alt text').fill('The launch pad at dawn');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const media = await hubCall<{ items: { id: string; filename: string; alt: string }[] }>(
      page,
      'GET',
      '/api/brain/cms/media?q=launch',
    );
    expect(media.items.map((m) => [m.filename, m.alt])).toEqual([
      ['launch-pad.png', 'The launch pad at dawn'],
    ]);
    await page.getByRole('textbox', { name: 'Search media' }).fill('engine');
    await expect.poll(() => page.locator('[data-testid^="media-"]').count()).toBe(1);
    await page.getByRole('textbox', { name: 'Search media' }).fill('');
    await expect.poll(() => page.locator('[data-testid^="media-"]').count()).toBe(3);
    await cleanScreenshot(c, page, 'content-media');

    // Delete asks first, then the file is gone from the library.
    await page.getByTestId('media-crew.png').getByRole('button').click();
    await page.getByRole('dialog', { name: 'crew.png' }).getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('dialog', { name: 'Delete crew.png?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await page.getByTestId('media-crew.png').waitFor({ state: 'detached' });
    const left = await hubCall<{ items: { filename: string }[] }>(page, 'GET', '/api/brain/cms/media');
    expect(left.items.map((m) => m.filename).sort()).toEqual(['engine-test.png', 'launch-pad.png']);

    // A text file named .png is refused with the hub's reason; nothing new appears.
    await input.setInputFiles([
      { name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('not an image at all') },
    ]);
    await page.getByText('fake.png was not uploaded').waitFor();
    expect(await page.getByTestId('media-fake.png').count()).toBe(0);

    // The picker in the editor: an image block gets the chosen image.
    const p = await createPage(page, { siteId: site.id, slug: 'gallery', title: 'Gallery' });
    await openEditor(page, p.id, 'Gallery');
    await page.getByRole('button', { name: 'Add block to Page blocks' }).click();
    await page.getByRole('menuitem', { name: /^Image/ }).click();
    await page.getByRole('button', { name: 'Choose Image' }).click();
    await page
      .getByRole('dialog', { name: 'Choose an image' })
      .getByRole('button', { name: /^launch-pad\.png/ })
      .click();
    expect(await page.getByLabel('Alt text').inputValue()).toBe('The launch pad at dawn');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved').waitFor();
    const saved = await getPage<{ content: { blocks: { type: string; mediaId?: string }[] } }>(page, p.id);
    const launch = media.items[0]!;
    expect(saved.content.blocks).toMatchObject([
      { type: 'image', mediaId: launch.id, alt: 'The launch pad at dawn' },
    ]);
    await context.close();
  }, 120_000);
});
