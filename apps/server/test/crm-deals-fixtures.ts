import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { bearer, inject } from './auth-helpers.js';
import { type CrmUser, crmTenants, crmUser } from './crm-fixtures.js';

/** Owners of fresh tenants with a bearer token, for the CRM deals/leads/activities tests. */
export { type CrmUser, crmTenants, crmUser };

export function api(app: FastifyInstance, user: CrmUser, method: string, url: string, payload?: unknown) {
  return inject(app, {
    method: method as 'GET',
    url: `/api/brain/crm${url}`,
    headers: bearer(user.token),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

export function json<T = Record<string, unknown>>(res: LightMyRequestResponse, status: number): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}

/** Asserts a 400 problem whose detail or field list names `field`. */
export function expectBadField(res: LightMyRequestResponse, field: string) {
  expect(res.statusCode, res.body).toBe(400);
  const p = res.json() as { detail: string; errors?: { field: string }[] };
  const named = p.detail.includes(field) || (p.errors ?? []).some((e) => e.field === field);
  expect(named, `${field} not named in ${res.body}`).toBe(true);
}

export async function eventsOf(app: FastifyInstance, subjectId: string): Promise<string[]> {
  const { rows } = await app.hub.db.admin.query(
    'select type from platform.events where subject_id = $1 order by id',
    [subjectId],
  );
  return rows.map((r: { type: string }) => r.type);
}
