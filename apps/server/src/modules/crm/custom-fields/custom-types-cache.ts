import type { Hub } from '../../../platform/hub.js';
import type { CrmEntity, CustomFieldType } from '../lists/index.js';

/**
 * Custom field types per tenant and entity, kept in process for the list queries: every list,
 * export and bulk filter needs them to build its SQL, and reading them costs a round trip per
 * request. A change (create, delete) clears the tenant's entries here and, through the hub's
 * pub/sub (Redis when configured), in every other hub process; TTL_MS bounds staleness if a
 * message is ever lost. Writes keep validating against the table itself.
 */
const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;
const CHANNEL = 'crm.custom-fields.changed';

interface Entry {
  types: ReadonlyMap<string, CustomFieldType>;
  at: number;
}
const entries = new Map<string, Entry>();
const keyOf = (tenantId: string, entity: CrmEntity) => `${tenantId}:${entity}`;

export function cachedTypes(
  tenantId: string,
  entity: CrmEntity,
): ReadonlyMap<string, CustomFieldType> | undefined {
  const e = entries.get(keyOf(tenantId, entity));
  if (!e) return undefined;
  if (Date.now() - e.at > TTL_MS) {
    entries.delete(keyOf(tenantId, entity));
    return undefined;
  }
  return e.types;
}

export function rememberTypes(
  tenantId: string,
  entity: CrmEntity,
  types: ReadonlyMap<string, CustomFieldType>,
) {
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(keyOf(tenantId, entity), { types, at: Date.now() });
}

function forgetTenant(tenantId: string) {
  for (const entity of ['contact', 'company', 'lead', 'deal'] as const)
    entries.delete(keyOf(tenantId, entity));
}

/** Call after the transaction that changed a tenant's custom fields has committed. */
export async function customFieldsChanged(hub: Hub, tenantId: string): Promise<void> {
  forgetTenant(tenantId);
  await hub.cache.publish(CHANNEL, tenantId).catch(() => {});
}

/** Listens for changes made by other hub processes (called once from the module's register). */
export function listenForCustomFieldChanges(hub: Hub): void {
  hub.cache
    .subscribe(CHANNEL, (tenantId) => forgetTenant(tenantId))
    .catch((err: unknown) => hub.log.warn({ err }, 'crm: custom field cache is not shared (pub/sub failed)'));
}
