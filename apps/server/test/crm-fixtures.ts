import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { bearer, createVerifiedUser, inject, passwordGrant } from './auth-helpers.js';

/** A signed-up owner of a fresh tenant and a caller that sends its token. */
export interface CrmUser {
  userId: string;
  tenantId: string;
  token: string;
  call(
    method: string,
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

export async function crmUser(app: FastifyInstance): Promise<CrmUser> {
  const u = await createVerifiedUser(app);
  const { access_token: token } = await passwordGrant(app, u.email, u.password);
  return {
    userId: u.userId,
    tenantId: u.tenantId,
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
