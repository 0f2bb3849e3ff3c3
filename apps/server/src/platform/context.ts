import type { Logger } from 'pino';
import type { Role } from './access.js';
import type { Database } from './db/pools.js';
import type { Tx } from './db/tenant.js';

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'system'; name: string }
  | { kind: 'user'; userId: string; email: string; role: Role | null; operator: boolean; sessionId: string }
  | { kind: 'apiKey'; keyId: string; scopes: string[] };

/** Passed as the first argument of every service function (never looked up from globals). */
export interface Ctx {
  tenantId: string | null;
  actor: Actor;
  log: Logger;
  db: Database;
  requestId?: string;
  ip?: string;
  userAgent?: string;
  tx?: Tx;
}

export type TenantCtx = Ctx & { tenantId: string; tx: Tx };

export function systemCtx(db: Database, log: Logger, tenantId: string | null, name = 'system'): Ctx {
  return { tenantId, actor: { kind: 'system', name }, log, db };
}
