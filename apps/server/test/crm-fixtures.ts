import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { ImportRecord } from '../src/modules/crm/imports/imports.service.js';
import { bearer, createVerifiedUser, inject, passwordGrant, type TestUser } from './auth-helpers.js';
import { buildTestApp } from './helpers.js';

/** A signed-up member of a fresh tenant and a caller that sends its token. */
export interface CrmUser extends TestUser {
  token: string;
  call(
    method: string,
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

/** Signs up the owner of a fresh tenant (or, given a role, demotes them to it first) and signs in. */
export async function crmUser(app: FastifyInstance, role?: 'admin' | 'member' | 'viewer'): Promise<CrmUser> {
  const u = await createVerifiedUser(app);
  if (role)
    await app.hub.db.admin.query('update identity.memberships set role = $1 where user_id = $2', [
      role,
      u.userId,
    ]);
  const { access_token: token } = await passwordGrant(app, u.email, u.password);
  return {
    ...u,
    token,
    call: (method, url, payload, headers) =>
      inject(app, {
        method: method as 'GET',
        url,
        headers: { ...bearer(token), ...headers },
        ...(payload === undefined
          ? {}
          : typeof payload === 'string'
            ? { payload }
            : { payload: payload as object }),
      }),
  };
}

/** Asserts the status (showing the body when it differs) and returns the JSON body. */
export function ok<T = Record<string, unknown>>(res: LightMyRequestResponse, status = 200): T {
  expect(res.statusCode, res.body).toBe(status);
  return (res.body ? res.json() : null) as T;
}

export const qs = (o: Record<string, unknown>) =>
  new URLSearchParams(
    Object.entries(o)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  ).toString();

/** The select field "tier" (gold, silver) most CRM tests filter and bulk-edit by. */
export const tierField = (entity: 'contact' | 'lead' | 'company') => ({
  entity,
  key: 'tier',
  label: 'Tier',
  type: 'select',
  options: ['gold', 'silver'],
});

export interface CrmTenants {
  app: FastifyInstance;
  /** The owner of tenant A (who gets the custom fields). */
  a: CrmUser;
  /** The owner of tenant B, for the isolation cases. */
  b: CrmUser;
}

/** A test hub (with `env`) and the owners of two fresh tenants; tenant A gets the custom `fields`. */
export async function crmTenants(
  opts: { env?: Record<string, string>; fields?: Record<string, unknown>[] } = {},
): Promise<CrmTenants> {
  const app = await buildTestApp(opts.env);
  const [a, b] = await Promise.all([crmUser(app), crmUser(app)]);
  for (const field of opts.fields ?? []) ok(await a.call('POST', '/api/brain/crm/custom-fields', field), 201);
  return { app, a, b };
}

/** An import as the API answers it (JSON: the service's record). */
export type Import = ImportRecord;

/** Polls an import until its job has completed or failed (or `ms` have passed) and returns it. */
export async function waitForImport(u: CrmUser, id: string, ms = 60_000): Promise<Import> {
  const end = Date.now() + ms;
  for (;;) {
    const r = ok<Import>(await u.call('GET', `/api/brain/crm/imports/${id}`));
    if (r.status === 'completed' || r.status === 'failed' || Date.now() > end) return r;
    await new Promise((res) => setTimeout(res, 200));
  }
}

export interface ImportBody {
  entity: string;
  filename: string;
  csv: string;
  mapping: Record<string, string>;
  /** Deal imports only (required there). */
  pipelineId?: string;
}

/** Starts a CSV import (202, its job queued) and waits for the job: the import as started and as done. */
export async function importCsv(u: CrmUser, body: ImportBody): Promise<{ started: Import; done: Import }> {
  const started = ok<Import>(await u.call('POST', '/api/brain/crm/imports', body), 202);
  return { started, done: await waitForImport(u, started.id) };
}
