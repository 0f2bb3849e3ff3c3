import type { Scenario } from './scenario.js';

/** (a) The hub's liveness route: the whole HTTP stack (hooks, helmet, metrics) with no I/O. */
export const hubHealth: Scenario = {
  id: 'a',
  name: 'hub GET /health',
  hitsHub: true,
  async setup(ctx) {
    return { url: `${ctx.hubUrl}/health` };
  },
};
