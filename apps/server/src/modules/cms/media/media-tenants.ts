import type { Hub } from '../../../platform/hub.js';
import { tenantIsActive } from '../../identity/index.js';

/**
 * Whether a tenant's public media files may be served, kept per process: every file request needs
 * the answer and asking costs a round trip. Suspension clears a tenant's entry at once through the
 * tenant-status LISTEN (see sites/site-listener.ts); TTL_MS bounds staleness if that is ever lost.
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;
const entries = new Map<string, { active: boolean; at: number }>();
/** Bumped by every forget: an answer read before one may be stale and is used once, not kept. */
let generation = 0;

export async function tenantServesMedia(hub: Hub, tenantId: string): Promise<boolean> {
  const e = entries.get(tenantId);
  if (e && Date.now() - e.at <= TTL_MS) return e.active;
  const asked = generation;
  const active = await tenantIsActive(hub, tenantId);
  if (asked !== generation) return active;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(tenantId, { active, at: Date.now() });
  return active;
}

/** A tenant was suspended or reactivated: ask again on its next file. */
export function forgetMediaTenant(tenantId: string) {
  generation++;
  entries.delete(tenantId);
}

/** After a lost LISTEN connection: ask again for everyone. */
export function forgetMediaTenants() {
  generation++;
  entries.clear();
}
