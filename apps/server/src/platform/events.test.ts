import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestHub, createTestTenant } from '../../test/helpers.js';
import { exec, withTenant } from './db/tenant.js';
import { type DomainEvent, emitEvent, listEvents } from './events.js';
import type { Hub } from './hub.js';

let hub: Hub & { startWorker(): Promise<void> };
const seen: { tenantId: string; event: DomainEvent; subscriber: string }[] = [];

beforeAll(async () => {
  hub = (await buildTestHub()) as typeof hub;
  hub.events.subscribe('test.thing.happened', 'exact', async (ctx, event) => {
    seen.push({ tenantId: ctx.tenantId, event, subscriber: 'exact' });
  });
  hub.events.subscribe('test.*', 'prefix', async (ctx, event) => {
    seen.push({ tenantId: ctx.tenantId, event, subscriber: 'prefix' });
  });
  await hub.startWorker();
});
afterAll(() => hub.close());

const until = async (ok: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('domain events', () => {
  it('are stored with the change and delivered once to each matching subscriber, in the tenant', async () => {
    const t = await createTestTenant(hub);
    const id = await withTenant(hub.systemCtx(t.id), (ctx) =>
      emitEvent(ctx, 'test.thing.happened', { n: 1 }, { type: 'thing', id: t.id }),
    );
    await until(() => seen.filter((s) => s.event.id === id).length === 2);
    await new Promise((r) => setTimeout(r, 500));
    const mine = seen.filter((s) => s.event.id === id);
    expect(mine.map((s) => s.subscriber).sort()).toEqual(['exact', 'prefix']);
    expect(mine.every((s) => s.tenantId === t.id && s.event.data.n === 1 && s.event.subjectId === t.id)).toBe(
      true,
    );
    const listed = await withTenant(hub.systemCtx(t.id), (ctx) =>
      listEvents(ctx, { type: 'test', limit: 10 }),
    );
    expect(listed.map((e) => e.id)).toEqual([id]);
  });

  it('vanish with a rolled-back transaction, and stay in their tenant', async () => {
    const [a, b] = [await createTestTenant(hub), await createTestTenant(hub)];
    await expect(
      withTenant(hub.systemCtx(a.id), async (ctx) => {
        await emitEvent(ctx, 'test.rolled.back', {});
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await withTenant(hub.systemCtx(a.id), (ctx) => emitEvent(ctx, 'test.kept', {}));
    const ofA = await withTenant(hub.systemCtx(a.id), (ctx) =>
      exec<{ type: string }>(ctx.tx, sql`select type from platform.events`),
    );
    expect(ofA.rows.map((r) => r.type)).toEqual(['test.kept']);
    const ofB = await withTenant(hub.systemCtx(b.id), (ctx) => listEvents(ctx, { limit: 10 }));
    expect(ofB).toEqual([]);
  });
});
