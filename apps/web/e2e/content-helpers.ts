import type { Page } from 'playwright-core';
import { createVerifiedUser } from '../../server/test/auth-helpers.js';
import type { Console } from './harness.js';
import { settle } from './pointer.js';

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

/** Drags a block by its handle onto another block with the mouse (dnd-kit's pointer sensor). */
export async function dragBlock(page: Page, handle: string, target: string) {
  const from = await page.getByRole('button', { name: handle }).boundingBox();
  const to = await page.getByRole('listitem', { name: target }).boundingBox();
  if (!from || !to) throw new Error('block not on screen');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y - 10, { steps: 5 });
  await page.mouse.move(from.x + from.width / 2, to.y + 5, { steps: 15 });
  await settle(page);
  await page.mouse.up();
}
