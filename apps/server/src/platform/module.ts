import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Hub } from './hub.js';

/**
 * A business module as the hub sees it. Modules are wired explicitly, in order, in app.ts;
 * `register` declares its tasks, workflows and event subscribers, `routes` is mounted under
 * /api/brain/<name>/.
 */
export interface ModuleDef {
  name: string;
  version: string;
  description: string;
  register?(hub: Hub): void;
  routes?: FastifyPluginAsyncZod<{ hub: Hub }>;
  /** Route plugins under other prefixes (e.g. identity also serves /api/brain/auth). */
  mounts?(hub: Hub): { prefix: string; routes: FastifyPluginAsyncZod<{ hub: Hub }> }[];
  /** Seeds demo data on the first start (idempotent). */
  seed?(hub: Hub): Promise<void>;
  health?(hub: Hub): Promise<boolean>;
}
