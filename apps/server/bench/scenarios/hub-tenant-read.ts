import type { BenchContext, Scenario } from './scenario.js';

export const TENANT_READ_PATH = '/api/brain/platform/workflows/runs?limit=20';

/**
 * The headers that make the hub treat a request as a signed-in user of `ctx.data.tenantId`.
 *
 * What this must provide once the hub has authentication: a user (or API key) that belongs to the
 * seeded target tenant `ctx.data.tenantId` and may list workflow runs, created through the hub's
 * own sign-up/invite API or on the owner connection `ctx.ownerUrl`, and the header that
 * authenticates it, e.g. `{ authorization: 'Bearer <access token from the sign-in route>' }`.
 * Sign in once here, not per request, so the load measures the read and the token check, not
 * password hashing. Until then it returns no headers and the probe below decides.
 */
async function tenantAuthHeaders(_ctx: BenchContext): Promise<Record<string, string>> {
  return {};
}

/** The list in a response body, whatever the route wraps it in. */
function rowsOf(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object') {
    for (const key of ['items', 'data', 'runs', 'rows']) {
      const v = (body as Record<string, unknown>)[key];
      if (Array.isArray(v)) return v;
    }
  }
  return undefined;
}

/**
 * (b) The same 20-row read as (c), through the hub's full stack: authentication, request context,
 * tenant transaction with set_config + row-level security, zod response serialisation, metrics.
 * Runs only when the probe answers 200 with the target tenant's 20 rows.
 */
export const hubTenantRead: Scenario = {
  id: 'b',
  name: 'hub tenant read, 20 rows',
  hitsHub: true,
  async setup(ctx) {
    const headers = await tenantAuthHeaders(ctx);
    const url = `${ctx.hubUrl}${TENANT_READ_PATH}`;
    const need = `needs route GET ${TENANT_READ_PATH} answering 200 with 20 rows for a signed-in tenant user`;
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(5000) }).catch((err: Error) => err);
    if (res instanceof Error) return { skip: `${need} (probe failed: ${res.message})` };
    if (res.status !== 200) return { skip: `${need} (probe answered ${res.status})` };
    const rows = rowsOf(await res.json().catch(() => undefined));
    if (rows?.length !== 20)
      return { skip: `${need} (probe answered 200 with ${rows?.length ?? 'no'} rows)` };
    return { url, headers };
  },
};
