import { sql } from 'drizzle-orm';
import { API_KEY_SCOPES } from '../../platform/access.js';
import type { TenantCtx } from '../../platform/context.js';
import { exec } from '../../platform/db/tenant.js';
import { AppError } from '../../platform/errors.js';
import type { Hub } from '../../platform/hub.js';
import { uuidv7 } from '../../platform/ids.js';
import { audit } from './audit.service.js';
import { randomToken, sha256 } from './tokens.js';

export type ApiKey = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};

const hex = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const uuid = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

/**
 * `bzk_<tenant and key id, 43 chars>_<secret, 43 chars>`: recognisable (secret scanners can
 * match `bzk_`), self-locating (the tenant and key id are in it, so no global lookup table),
 * and only a SHA-256 of the secret is stored (the secret has 256 bits, no slow hash needed).
 */
export function formatApiKey(tenantId: string, keyId: string, secret: string) {
  return `bzk_${Buffer.concat([hex(tenantId), hex(keyId)]).toString('base64url')}_${secret}`;
}

export function parseApiKey(key: string): { tenantId: string; keyId: string; secret: string } | undefined {
  const m = /^bzk_([A-Za-z0-9_-]{43})_([A-Za-z0-9_-]{43})$/.exec(key);
  if (!m) return undefined;
  const ids = Buffer.from(m[1]!, 'base64url');
  if (ids.length !== 32) return undefined;
  return { tenantId: uuid(ids.subarray(0, 16)), keyId: uuid(ids.subarray(16)), secret: m[2]! };
}

const cols = sql`id, name, prefix, scopes, created_at as "createdAt", last_used_at as "lastUsedAt",
  expires_at as "expiresAt", revoked_at as "revokedAt"`;

export async function createApiKey(
  ctx: TenantCtx,
  input: { name: string; scopes: string[]; expiresAt?: string },
) {
  const unknown = input.scopes.filter((s) => !API_KEY_SCOPES.includes(s));
  if (unknown.length)
    throw new AppError('IDENTITY.SCOPE_UNKNOWN', 400, `scopes: unknown scope ${unknown.join(', ')}`);
  if (input.expiresAt && new Date(input.expiresAt) <= new Date()) {
    throw new AppError('IDENTITY.EXPIRY_IN_PAST', 400, 'expiresAt: must be in the future');
  }
  const id = uuidv7();
  const secret = randomToken();
  const key = formatApiKey(ctx.tenantId, id, secret);
  const prefix = `${key.slice(0, 12)}…`;
  const createdBy = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const { rows } = await exec<ApiKey>(
    ctx.tx,
    sql`
    insert into identity.api_keys (tenant_id, id, name, prefix, secret_hash, scopes, created_by, expires_at)
    values (${ctx.tenantId}, ${id}, ${input.name.trim()}, ${prefix}, ${sha256(secret)}, array(select jsonb_array_elements_text(${JSON.stringify(input.scopes)}::jsonb)),
      ${createdBy}, ${input.expiresAt ?? null}) returning ${cols}`,
  );
  await audit(ctx, 'api_key.created', {
    targetType: 'api_key',
    targetId: id,
    data: { name: input.name, scopes: input.scopes },
  });
  return { ...rows[0]!, key };
}

export async function listApiKeys(ctx: TenantCtx): Promise<ApiKey[]> {
  const { rows } = await exec<ApiKey>(
    ctx.tx,
    sql`select ${cols} from identity.api_keys order by created_at desc`,
  );
  return rows;
}

export async function revokeApiKey(hub: Hub, ctx: TenantCtx, id: string) {
  const { rows } = await exec<{ secret_hash: string }>(
    ctx.tx,
    sql`
    update identity.api_keys set revoked_at = now() where id = ${id} and revoked_at is null returning id`,
  );
  if (!rows[0])
    throw new AppError(
      'IDENTITY.API_KEY_NOT_FOUND',
      404,
      `API key ${id} was not found or is already revoked`,
    );
  await audit(ctx, 'api_key.revoked', { targetType: 'api_key', targetId: id });
  // Authentication caches a key for up to 60 s under the hash of the full key, which we do not
  // keep; a revoked key is refused by a marker that outlives that cache.
  await hub.cache.set(`akr:${id}`, '1', Math.max(120, hub.config.ACCESS_TOKEN_TTL_SECONDS));
}
