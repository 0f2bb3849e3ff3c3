import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../../config.js';
import { UUID_RE } from '../../../platform/ids.js';

export interface PreviewClaims {
  tenantId: string;
  pageId: string;
  expiresAt: Date;
}

const keys = new WeakMap<Config, Buffer>();

/**
 * The secret the preview HMAC key is derived from: JWT_SECRET, or (like identity's signing keys)
 * the secret generated once into DATA_DIR/secrets/jwt-secret when JWT_SECRET is not set.
 */
function secretOf(config: Config): string {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  const file = path.join(config.DATA_DIR, 'secrets', 'jwt-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST') throw err;
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}

function keyOf(config: Config): Buffer {
  let k = keys.get(config);
  if (!k) {
    k = Buffer.from(hkdfSync('sha256', secretOf(config), 'bizosaas', 'cms-preview-token', 32));
    keys.set(config, k);
  }
  return k;
}

const mac = (config: Config, body: string) =>
  createHmac('sha256', keyOf(config)).update(`v1.${body}`).digest('base64url');

/** `<base64url {t,p,e}>.<HMAC-SHA256>`: names the tenant, the page and the expiry (unix seconds). */
export function signPreviewToken(config: Config, claims: PreviewClaims): string {
  const body = Buffer.from(
    JSON.stringify({
      t: claims.tenantId,
      p: claims.pageId,
      e: Math.floor(claims.expiresAt.getTime() / 1000),
    }),
  ).toString('base64url');
  return `${body}.${mac(config, body)}`;
}

/** The claims of a genuine, unexpired token; null for anything else (forged, altered, expired, garbage). */
export function verifyPreviewToken(config: Config, token: string, now = new Date()): PreviewClaims | null {
  if (typeof token !== 'string' || token.length > 1000) return null;
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) return null;
  const want = Buffer.from(mac(config, body));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  try {
    const c = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as {
      t?: unknown;
      p?: unknown;
      e?: unknown;
    };
    if (typeof c.t !== 'string' || typeof c.p !== 'string' || typeof c.e !== 'number') return null;
    if (!UUID_RE.test(c.t) || !UUID_RE.test(c.p)) return null;
    if (c.e * 1000 <= now.getTime()) return null;
    return { tenantId: c.t, pageId: c.p, expiresAt: new Date(c.e * 1000) };
  } catch {
    return null;
  }
}
