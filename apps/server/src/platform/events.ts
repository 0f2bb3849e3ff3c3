import { sql } from 'drizzle-orm';
import type { TenantCtx } from './context.js';
import { exec, withTenant } from './db/tenant.js';
import type { Hub } from './hub.js';
import { uuidv7 } from './ids.js';
import { addJob } from './jobs/jobs.js';

/**
 * Typed domain events (`crm.lead.captured`, `crm.deal.won`, …). emitEvent writes the event and
 * a dispatch job in the caller's transaction, so an event exists exactly when its change
 * commits; the dispatcher then runs every subscriber as a job of its own (retried on its own).
 */
export interface DomainEvent<D = Record<string, unknown>> {
  id: string;
  type: string;
  subjectType: string | null;
  subjectId: string | null;
  data: D;
  createdAt: string;
}

export type EventHandler = (ctx: TenantCtx, event: DomainEvent) => Promise<void>;

export const DISPATCH_TASK = 'platform.dispatch-event';
const SUBSCRIBER_TASK = 'platform.event-subscriber';

export async function emitEvent(
  ctx: TenantCtx,
  type: string,
  data: Record<string, unknown>,
  subject?: { type: string; id: string },
): Promise<string> {
  const id = uuidv7();
  const actor =
    ctx.actor.kind === 'user' ? ctx.actor.userId : ctx.actor.kind === 'apiKey' ? ctx.actor.keyId : null;
  await exec(
    ctx.tx,
    sql`insert into platform.events (tenant_id, id, type, subject_type, subject_id, data, actor_id)
      values (${ctx.tenantId}, ${id}, ${type}, ${subject?.type ?? null}, ${subject?.id ?? null}, ${JSON.stringify(data)}::jsonb, ${actor})`,
  );
  await addJob(ctx, DISPATCH_TASK, { eventId: id });
  return id;
}

/** Per-hub subscriptions: `type` may end in `.*` to match a prefix. */
export class EventRegistry {
  private readonly subs: { pattern: string; name: string; handler: EventHandler }[] = [];
  subscribe(pattern: string, name: string, handler: EventHandler) {
    if (this.subs.some((s) => s.name === name)) throw new Error(`event subscriber ${name} is defined twice`);
    this.subs.push({ pattern, name, handler });
  }
  matching(type: string) {
    return this.subs.filter(
      (s) => s.pattern === type || (s.pattern.endsWith('.*') && type.startsWith(s.pattern.slice(0, -1))),
    );
  }
  byName(name: string) {
    return this.subs.find((s) => s.name === name);
  }
}

async function loadEvent(ctx: TenantCtx, id: string): Promise<DomainEvent | undefined> {
  const { rows } = await exec<DomainEvent>(
    ctx.tx,
    sql`select id, type, subject_type as "subjectType", subject_id as "subjectId", data, created_at as "createdAt"
      from platform.events where id = ${id}`,
  );
  return rows[0];
}

export function registerEvents(hub: Hub, registry: EventRegistry) {
  hub.tasks.define<{ eventId: string }>(DISPATCH_TASK, (base, { eventId }) =>
    withTenant(base, async (ctx) => {
      const event = await loadEvent(ctx, eventId);
      if (!event) return;
      for (const s of registry.matching(event.type)) {
        await addJob(
          ctx,
          SUBSCRIBER_TASK,
          { eventId, subscriber: s.name },
          { jobKey: `ev:${eventId}:${s.name}` },
        );
      }
    }),
  );
  hub.tasks.define<{ eventId: string; subscriber: string }>(
    SUBSCRIBER_TASK,
    (base, { eventId, subscriber }) =>
      withTenant(base, async (ctx) => {
        const s = registry.byName(subscriber);
        const event = await loadEvent(ctx, eventId);
        if (s && event) await s.handler(ctx, event);
      }),
  );
}

/** Events of a tenant, newest first (for timelines and the analytics module). */
export async function listEvents(
  ctx: TenantCtx,
  f: { type?: string; subjectId?: string; limit: number },
): Promise<DomainEvent[]> {
  const { rows } = await exec<DomainEvent>(
    ctx.tx,
    sql`select id, type, subject_type as "subjectType", subject_id as "subjectId", data, created_at as "createdAt"
      from platform.events
      where (${f.type ?? null}::text is null or type = ${f.type ?? null} or starts_with(type, ${f.type ? `${f.type}.` : null}))
        and (${f.subjectId ?? null}::uuid is null or subject_id = ${f.subjectId ?? null}::uuid)
      order by id desc limit ${f.limit}`,
  );
  return rows;
}
