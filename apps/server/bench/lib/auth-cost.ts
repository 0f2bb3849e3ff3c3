import { loadConfig } from '../../src/config.js';
import { createAuthenticator } from '../../src/modules/identity/authn.js';
import { TokenService } from '../../src/modules/identity/tokens.js';
import { createHub } from '../../src/platform/hub.js';
import { createLogger } from '../../src/platform/logging.js';

export interface AuthCost {
  iterations: number;
  /** Mean time of one Bearer authentication (JWT verification, revocation and membership checks). */
  microsPerRequest: number;
}

/**
 * What Bearer authentication adds to a request, measured in process with the hub's own code: the
 * authenticator the guard runs before every protected route, on a real signed token, with the
 * memory cache the default hub uses. Compared below with (b)'s per-request time.
 */
export async function measureBearerCost(
  ownerUrl: string,
  jwtSecret: string,
  tenantId: string,
): Promise<AuthCost> {
  const config = loadConfig({
    DATABASE_URL: ownerUrl,
    JWT_SECRET: jwtSecret,
    LOG_LEVEL: 'silent',
    RUN_WORKER: 'false',
    SEED_DEMO: 'false',
  });
  const hub = await createHub(config, createLogger(config), { migrate: false });
  try {
    const tokens = new TokenService(hub);
    const { token } = await tokens.sign({
      sub: tenantId,
      sid: tenantId,
      tid: tenantId,
      role: 'viewer',
      op: false,
      email: 'bench@example.com',
    });
    const authenticate = createAuthenticator(hub, tokens);
    const req = {
      headers: { authorization: `Bearer ${token}` },
      query: {},
      method: 'GET',
      cookies: {},
    } as never;
    for (let i = 0; i < 2_000; i++) await authenticate(req); // warm up
    const iterations = 50_000;
    const t = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) await authenticate(req);
    const micros = Number(process.hrtime.bigint() - t) / 1000 / iterations;
    return { iterations, microsPerRequest: micros };
  } finally {
    await hub.close();
  }
}

export function formatAuthCost(cost: AuthCost, rpsOfB: number | undefined): string {
  const lines = [
    `bearer check         ${cost.microsPerRequest.toFixed(1)} µs per request (${cost.iterations.toLocaleString('en-US')} checks in process)`,
  ];
  if (rpsOfB) {
    // The hub serves (b) on one event loop: 1 / throughput is its time per request.
    const perRequest = 1e6 / rpsOfB;
    const pct = (cost.microsPerRequest / (perRequest - cost.microsPerRequest)) * 100;
    lines.push(
      `                     = +${pct.toFixed(1)}% over (b) without it (${perRequest.toFixed(0)} µs per request)   target <= 10%   ${pct <= 10 ? 'met' : 'MISSED'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
