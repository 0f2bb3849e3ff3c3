import type { Locator, Page } from 'playwright-core';
import { createVerifiedUser } from '../../server/test/auth-helpers.js';
import type { Console } from './harness.js';
import { settle } from './pointer.js';
import { signedIn } from './sign-in.js';

/* Helpers of the content console's end-to-end tests. */

/** A tenant admin (sign-up makes an owner; this one is demoted to admin) and the tenant's slug. */
export async function tenantAdmin(c: Console) {
  const user = await createVerifiedUser(c.app);
  await c.app.hub.db.admin.query(
    `update identity.memberships set role = 'admin' where user_id = $1 and tenant_id = $2`,
    [user.userId, user.tenantId],
  );
  const { rows } = await c.app.hub.db.admin.query('select slug from identity.tenants where id = $1', [
    user.tenantId,
  ]);
  return { ...user, slug: rows[0].slug as string };
}

/** A call to the hub from the signed-in page (its cookies and CSRF token). */
export async function hubCall<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const csrf = /(?:^|;\s*)bos_csrf=([^;]*)/.exec(document.cookie)?.[1];
      const res = await fetch(path, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(csrf ? { 'x-csrf-token': decodeURIComponent(csrf) } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    { method, path, body },
  ) as Promise<T>;
}

/** The block types in the editor, top to bottom. */
export const blockTypes = (page: Page) =>
  page
    .locator('[role="list"][aria-label="Page blocks"] > [data-block-type]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-block-type')));

/**
 * Drags `from` (a handle) with the mouse (dnd-kit's pointer sensor) to `dy` pixels below the top of
 * `to`, letting go once the page has painted the last move.
 */
export async function dragOnto(page: Page, from: Locator, to: Locator, dy: number) {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('drag handle or target not on screen');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2, a.y - 10, { steps: 5 });
  await page.mouse.move(a.x + a.width / 2, b.y + dy, { steps: 15 });
  await settle(page);
  await page.mouse.up();
}

/** Drags a block by its handle onto another block. */
export const dragBlock = (page: Page, handle: string, target: string) =>
  dragOnto(page, page.getByRole('button', { name: handle }), page.getByRole('listitem', { name: target }), 5);

/** A fresh tenant's admin signed in on /content, which asks for the first site. */
export async function openContent(c: Console) {
  const admin = await tenantAdmin(c);
  const { page, context } = await signedIn(c, admin.email, admin.password, '/content');
  await page.getByRole('heading', { name: 'Create your website' }).waitFor();
  return { admin, page, context };
}

/** Creates a site through the hub: "Acme" (handle acme) unless `body` says otherwise. */
export const createSite = (page: Page, body: Record<string, unknown> = {}) =>
  hubCall<{ id: string }>(page, 'POST', '/api/brain/cms/sites', { name: 'Acme', handle: 'acme', ...body });

/** Creates a page (kind page unless told) through the hub. */
export const createPage = (page: Page, body: Record<string, unknown>) =>
  hubCall<{ id: string }>(page, 'POST', '/api/brain/cms/pages', { kind: 'page', ...body });

/** A page as the hub has it now. */
export const getPage = <T>(page: Page, id: string) => hubCall<T>(page, 'GET', `/api/brain/cms/pages/${id}`);

/** Opens a page in the editor and waits for its title. */
export async function openEditor(page: Page, pageId: string, title: string) {
  await page.goto(`/content/pages/${pageId}`);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}
