import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  blockTypes,
  createPage,
  createSite,
  getPage,
  hubCall,
  openContent,
  openEditor,
} from './content-helpers.js';
import { type Console, startConsole } from './harness.js';
import { cleanScreenshot, signedIn } from './sign-in.js';

let c: Console;
beforeAll(async () => {
  c = await startConsole();
}, 180_000);
afterAll(() => c?.close());

describe('content console: the editor in depth', () => {
  it('refuses an invalid block on its card, reorders by keyboard, diffs and restores revisions, schedules and previews', async () => {
    const { page, context } = await openContent(c);
    const site = await createSite(page, { isPrimary: true });
    const p = await createPage(page, {
      siteId: site.id,
      slug: 'pricing',
      title: 'Pricing',
      content: {
        title: 'Pricing',
        blocks: [
          { id: 'head', type: 'heading', text: 'Version one', level: 2 },
          { id: 'body', type: 'richText', html: '<p>Plans for every launch.</p>' },
        ],
        seo: {},
      },
    });
    await hubCall(page, 'POST', `/api/brain/cms/pages/${p.id}/publish`, {});
    await openEditor(page, p.id, 'Pricing');

    await page.getByLabel('Heading text').fill('Version two');
    // An empty heading is refused by the hub; the reason shows on that block and nothing is saved.
    await page.getByRole('button', { name: 'Add block to Page blocks' }).click();
    await page.getByRole('menuitem', { name: /^Heading/ }).click();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('The draft was not saved').waitFor();
    await page.getByRole('listitem', { name: 'Heading block 3' }).getByRole('alert').waitFor();
    const unchanged = await getPage<{ content: { blocks: unknown[] } }>(page, p.id);
    expect(unchanged.content.blocks).toHaveLength(2);
    await page.getByRole('button', { name: 'Delete Heading block 3' }).click();

    // Keyboard reordering: space picks the block up, arrow up moves it, space drops it.
    await page.getByRole('button', { name: 'Drag Rich text block 2' }).focus();
    for (const key of ['Space', 'ArrowUp', 'Space']) {
      await page.keyboard.press(key);
      await page.waitForTimeout(250); // dnd-kit measures and animates between steps
    }
    await expect.poll(() => blockTypes(page)).toEqual(['richText', 'heading']);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved').waitFor();
    await page
      .getByTestId('editor-status')
      .getByText(/changes that are not live yet/)
      .waitFor();

    // History: the draft against the live version, block by block.
    await page.getByRole('button', { name: 'History' }).click();
    const drawer = page.getByRole('dialog', { name: 'Revision history' });
    await drawer.getByRole('option', { name: /#2/ }).waitFor();
    await drawer.getByText('Version one').waitFor();
    await drawer.getByText('Version two').waitFor();
    await drawer.getByText(/blocks 0 added, 0 removed, 1 changed/).waitFor();
    await drawer.getByText('Heading block 2').waitFor();
    await cleanScreenshot(c, page, 'content-history');

    // Restore revision 1 into the draft (asks first).
    await drawer.getByRole('option', { name: /#1/ }).click();
    await drawer.getByRole('button', { name: 'Restore this revision' }).click();
    await page
      .getByRole('dialog', { name: 'Restore revision 1?' })
      .getByRole('button', { name: 'Restore' })
      .click();
    await page.getByText('Revision 1 was restored into the draft').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByLabel('Heading text').inputValue()).toBe('Version one');
    const restored = await getPage<{ content: { blocks: { id: string }[] } }>(page, p.id);
    expect(restored.content.blocks.map((b) => b.id)).toEqual(['head', 'body']);

    // Schedule a publish tomorrow.
    await page.getByRole('button', { name: 'More publishing options' }).click();
    await page.getByRole('menuitem', { name: 'Schedule…' }).click();
    const tomorrow = new Date(Date.now() + 86_400_000);
    const local = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}T09:30`;
    await page.getByLabel('Publish at', { exact: true }).fill(local);
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await page.getByText('Schedule saved').waitFor();
    await page
      .getByTestId('editor-status')
      .getByText(/publishes/)
      .waitFor();
    const scheduled = await getPage<{ publishAt: string }>(page, p.id);
    expect(new Date(scheduled.publishAt).getTime()).toBe(new Date(local).getTime());

    // Preview: a signed link in a new tab shows the draft.
    await page.getByLabel('Heading text').fill('Draft for preview');
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Preview' }).click(),
    ]);
    await tab.waitForURL(/\/sites\/preview\//);
    await tab.getByText('Draft for preview').waitFor();
    await tab.close();
    await context.close();
  }, 120_000);

  it('edits columns, CTA, CRM form and product grid blocks, and asks before leaving with unsaved changes', async () => {
    const { page, context } = await openContent(c);
    const site = await createSite(page, { isPrimary: true });
    const form = await hubCall<{ publicId: string }>(page, 'POST', '/api/brain/crm/forms', {
      name: 'Contact us',
      fields: [{ key: 'email', label: 'Email', type: 'email', required: true }],
    });
    const p = await createPage(page, { siteId: site.id, slug: 'landing', title: 'Landing' });
    await openEditor(page, p.id, 'Landing');
    const add = async (list: string, type: RegExp) => {
      await page.getByRole('button', { name: `Add block to ${list}` }).click();
      await page.getByRole('menuitem', { name: type }).click();
    };
    await add('Page blocks', /^Columns/);
    // Columns hold every block type but columns.
    await page.getByRole('button', { name: 'Add block to Column 1' }).click();
    expect(await page.getByRole('menuitem', { name: /^Columns/ }).count()).toBe(0);
    await page.getByRole('menuitem', { name: /^Heading/ }).click();
    await page.getByLabel('Heading text').fill('Left side');
    await add('Column 2', /^Quote/);
    await page.getByLabel('Quote', { exact: true }).fill('They got us to orbit.');
    await page.getByLabel('Who said it').fill('Ada, CTO');
    await add('Page blocks', /^Call to action/);
    await page
      .getByRole('listitem', { name: 'Call to action block 2' })
      .getByLabel('Heading')
      .fill('Ready to launch?');
    await add('Page blocks', /^CRM form/);
    await page.getByRole('combobox', { name: 'CRM form' }).click();
    await page.getByRole('option', { name: 'Contact us' }).click();
    await add('Page blocks', /^Product grid/);
    await page.getByRole('button', { name: 'Duplicate Product grid block 4' }).click();
    await page.getByRole('button', { name: 'Delete Product grid block 5' }).click();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved').waitFor();
    const saved = await getPage<{ content: { blocks: Record<string, unknown>[] } }>(page, p.id);
    expect(saved.content.blocks.map((b) => b.type)).toEqual(['columns', 'cta', 'form', 'productGrid']);
    expect(saved.content.blocks[0]).toMatchObject({
      columns: [
        { blocks: [{ type: 'heading', text: 'Left side' }] },
        { blocks: [{ type: 'quote', text: 'They got us to orbit.', cite: 'Ada, CTO' }] },
      ],
    });
    expect(saved.content.blocks[1]).toMatchObject({ heading: 'Ready to launch?', buttonUrl: '/contact' });
    expect(saved.content.blocks[2]).toMatchObject({ formId: form.publicId });
    expect(saved.content.blocks[3]).toMatchObject({ limit: 6 });

    // Unsaved changes: leaving asks first; staying keeps them.
    await page.getByLabel('Title', { exact: true }).fill('Landing page');
    await page.getByRole('link', { name: 'Content', exact: true }).first().click();
    const guard = page.getByRole('dialog', { name: 'Leave without saving?' });
    await guard.getByRole('button', { name: 'Stay and keep editing' }).click();
    expect(new URL(page.url()).pathname).toBe(`/content/pages/${p.id}`);
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Landing page');
    await page.getByRole('link', { name: 'Content', exact: true }).first().click();
    await guard.getByRole('button', { name: 'Leave' }).click();
    await page.waitForURL((u) => u.pathname === '/content');
    await context.close();
  }, 120_000);

  it('unpublishes a section with the live pages below it when asked, and alone when not', async () => {
    const { admin, page, context } = await openContent(c);
    const site = await createSite(page, { isPrimary: true });
    const make = async (slug: string, title: string, parentId?: string) => {
      const p = await createPage(page, { siteId: site.id, slug, title, ...(parentId ? { parentId } : {}) });
      await hubCall(page, 'POST', `/api/brain/cms/pages/${p.id}/publish`, {});
      return p;
    };
    const services = await make('services', 'Services');
    const seo = await make('seo', 'SEO', services.id);
    await make('local', 'Local SEO', seo.id);
    const publicStatus = async (path: string) =>
      (await c.app.inject({ method: 'GET', url: `/sites/${admin.slug}${path}` })).statusCode;
    expect(await publicStatus('/services/seo/local')).toBe(200);

    // The page alone: the dialog offers the two live pages below, left unticked.
    await openEditor(page, seo.id, 'SEO');
    const unpublish = async () => {
      await page.getByRole('button', { name: 'More publishing options' }).click();
      await page.getByRole('menuitem', { name: 'Unpublish' }).click();
      return page.getByRole('dialog', { name: /^Unpublish/ });
    };
    let dialog = await unpublish();
    await dialog.getByRole('checkbox', { name: 'Also unpublish the 1 live page below it' }).waitFor();
    await dialog.getByRole('button', { name: 'Unpublish' }).click();
    await page.getByText('SEO is no longer public').waitFor();
    expect(await publicStatus('/services/seo')).toBe(404);
    expect(await publicStatus('/services/seo/local')).toBe(200);

    // The section with everything below it.
    await openEditor(page, services.id, 'Services');
    dialog = await unpublish();
    await dialog.getByRole('checkbox', { name: 'Also unpublish the 1 live page below it' }).check();
    await dialog.getByRole('button', { name: 'Unpublish' }).click();
    await page.getByText('Services and 1 page below it are no longer public').waitFor();
    for (const path of ['/services', '/services/seo/local']) expect(await publicStatus(path), path).toBe(404);
    await context.close();
  }, 90_000);

  it('shows a viewer the page without editing controls', async () => {
    const { admin, page, context } = await openContent(c);
    const site = await createSite(page);
    const p = await createPage(page, {
      siteId: site.id,
      slug: 'team',
      title: 'Team',
      content: { title: 'Team', blocks: [{ id: 'h', type: 'heading', text: 'Our crew', level: 2 }], seo: {} },
    });
    await context.close();
    await c.app.hub.db.admin.query(`update identity.memberships set role = 'viewer' where user_id = $1`, [
      admin.userId,
    ]);
    const viewer = await signedIn(c, admin.email, admin.password, `/content/pages/${p.id}`);
    await viewer.page.getByRole('heading', { level: 1, name: 'Team' }).waitFor();
    expect(await viewer.page.getByLabel('Heading text').isDisabled()).toBe(true);
    expect(await viewer.page.getByRole('button', { name: 'Save draft' }).count()).toBe(0);
    expect(await viewer.page.getByRole('button', { name: 'Publish', exact: true }).count()).toBe(0);
    expect(await viewer.page.getByRole('button', { name: 'Add block to Page blocks' }).isDisabled()).toBe(
      true,
    );
    await viewer.page.goto('/content');
    await viewer.page.getByRole('tree', { name: 'Page tree' }).waitFor();
    expect(await viewer.page.getByRole('button', { name: 'New page' }).count()).toBe(0);
    await viewer.context.close();
  }, 90_000);
});
