import type { Scenario } from './scenario.js';

/**
 * (d) Password sign-in through the OAuth2 token endpoint: argon2id verification (19 MiB, t=2),
 * session and refresh token rows, an EdDSA-signed access token, the audit entry. Few connections:
 * argon2 is CPU-bound and capped at 4 hashes at once, so more connections only queue.
 */
export const hubSignIn: Scenario = {
  id: 'd',
  name: 'hub sign-in (password grant)',
  hitsHub: true,
  async setup(ctx) {
    return {
      url: `${ctx.hubUrl}/api/brain/auth/token`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'password',
        username: 'owner@coreldove.dev',
        password: 'bizosaas-demo-2026',
      }),
      connections: 4,
    };
  },
};
