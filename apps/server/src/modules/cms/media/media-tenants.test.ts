import { describe, expect, it } from 'vitest';
import type { Hub } from '../../../platform/hub.js';
import { forgetMediaTenant, tenantServesMedia } from './media-tenants.js';

/** A hub whose tenant_is_active answers are released by hand. */
function fakeHub() {
  const pending: ((active: boolean) => void)[] = [];
  let queries = 0;
  const hub = {
    db: {
      app: {
        query: () => {
          queries++;
          return new Promise((resolve) => pending.push((active) => resolve({ rows: [{ active }] })));
        },
      },
    },
  } as unknown as Hub;
  return { hub, pending, queries: () => queries };
}

describe('tenantServesMedia', () => {
  it('does not keep an answer read before the tenant was forgotten (suspended meanwhile)', async () => {
    const { hub, pending, queries } = fakeHub();
    const tenantId = crypto.randomUUID();
    const first = tenantServesMedia(hub, tenantId);
    await Promise.resolve();
    // The suspension commits and its NOTIFY arrives while the look-up is in flight.
    forgetMediaTenant(tenantId);
    pending.shift()!(true);
    expect(await first).toBe(true);
    // The next file asks again instead of serving the stale answer for a minute.
    const second = tenantServesMedia(hub, tenantId);
    await Promise.resolve();
    expect(queries()).toBe(2);
    pending.shift()!(false);
    expect(await second).toBe(false);
    expect(await tenantServesMedia(hub, tenantId)).toBe(false);
    expect(queries()).toBe(2);
  });
});
