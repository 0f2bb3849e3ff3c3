import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { Role } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import type { Hub } from '../../platform/hub.js';

export const AUDIENCE = 'bizosaas-api';
const ALG = 'EdDSA';

export interface AccessClaims extends JWTPayload {
  sub: string;
  sid: string;
  tid: string | null;
  role: Role | null;
  op: boolean;
  email: string;
  /** Client-credentials tokens: the API key's scopes, space separated. */
  scope?: string;
  cli?: boolean;
}

interface KeyEntry {
  kid: string;
  publicKey: CryptoKey;
  privateKey?: CryptoKey;
  publicJwk: JWK;
}

export const sha256 = (v: string) => createHash('sha256').update(v).digest('base64url');
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/**
 * Ed25519 signing keys live in the database (so every hub process signs and verifies alike),
 * the private half encrypted with a key derived from JWT_SECRET. Without JWT_SECRET a secret is
 * generated once into DATA_DIR (fine for one node; set JWT_SECRET when scaling out).
 */
export class TokenService {
  private keys = new Map<string, KeyEntry>();
  private current?: KeyEntry;
  private loadedAt = 0;
  private forcedAt = 0;
  private verified = new Map<string, AccessClaims>();
  private readonly wrapKey: Buffer;

  constructor(private readonly hub: Hub) {
    this.wrapKey = Buffer.from(hkdfSync('sha256', jwtSecret(hub), 'bizosaas', 'signing-key-wrap', 32));
  }

  private encrypt(plain: string) {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.wrapKey, iv);
    const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return [iv, c.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
  }

  private decrypt(blob: string) {
    const [iv, tag, data] = blob.split('.').map((p) => Buffer.from(p, 'base64url'));
    const d = createDecipheriv('aes-256-gcm', this.wrapKey, iv!);
    d.setAuthTag(tag!);
    try {
      return Buffer.concat([d.update(data!), d.final()]).toString('utf8');
    } catch {
      throw new Error('a signing key cannot be decrypted: every hub process must share the same JWT_SECRET');
    }
  }

  async load(force = false) {
    if (!force && this.current && Date.now() - this.loadedAt < 60_000) return;
    let { rows } = await this.hub.db.admin.query(
      `select kid, public_jwk, private_jwk from identity.signing_keys where retired_at is null order by created_at desc`,
    );
    if (!rows.length) {
      await this.rotate();
      ({ rows } = await this.hub.db.admin.query(
        `select kid, public_jwk, private_jwk from identity.signing_keys where retired_at is null order by created_at desc`,
      ));
    }
    const keys = new Map<string, KeyEntry>();
    for (const [i, r] of rows.entries()) {
      const entry: KeyEntry = {
        kid: r.kid,
        publicJwk: r.public_jwk,
        publicKey: (await importJWK(r.public_jwk, ALG)) as CryptoKey,
        privateKey:
          i === 0
            ? ((await importJWK(JSON.parse(this.decrypt(r.private_jwk)), ALG)) as CryptoKey)
            : undefined,
      };
      keys.set(r.kid, entry);
    }
    this.keys = keys;
    this.current = keys.get(rows[0].kid);
    this.loadedAt = Date.now();
  }

  /** Adds a new signing key; tokens signed with older keys stay valid until they expire. */
  async rotate() {
    const { publicKey, privateKey } = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
    const kid = `k${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' };
    const privateJwk = await exportJWK(privateKey);
    await this.hub.db.admin.query(
      `insert into identity.signing_keys (kid, alg, public_jwk, private_jwk) values ($1, $2, $3, $4)`,
      [kid, ALG, publicJwk, this.encrypt(JSON.stringify(privateJwk))],
    );
    this.loadedAt = 0;
    return kid;
  }

  async jwks() {
    await this.load();
    return { keys: [...this.keys.values()].map((k) => k.publicJwk) };
  }

  async sign(
    claims: Omit<AccessClaims, 'iss' | 'aud' | 'exp' | 'iat'>,
  ): Promise<{ token: string; expiresIn: number }> {
    await this.load();
    const expiresIn = this.hub.config.ACCESS_TOKEN_TTL_SECONDS;
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: ALG, kid: this.current!.kid, typ: 'at+jwt' })
      .setIssuer(this.hub.config.PUBLIC_URL)
      .setAudience(AUDIENCE)
      // Millisecond precision: a membership change marks tokens issued before it as stale, and one
      // issued in the same second as the change must not slip through (or be refused) by rounding.
      .setIssuedAt(Date.now() / 1000)
      .setExpirationTime(`${expiresIn}s`)
      .sign(this.current!.privateKey!);
    return { token, expiresIn };
  }

  /** Only EdDSA, only our keys, with iss, aud and exp checked. Results are memoised until expiry. */
  async verify(token: string): Promise<AccessClaims> {
    const hit = this.verified.get(token);
    if (hit && hit.exp! * 1000 > Date.now()) return hit;
    const invalid = (why: string) =>
      new AppError('AUTH.INVALID_TOKEN', 401, why, {
        wwwAuthenticate: `Bearer realm="bizosaas", error="invalid_token", error_description="${why}"`,
      });
    try {
      const { payload } = await jwtVerify<AccessClaims>(
        token,
        async (header) => {
          await this.load();
          let key = this.keys.get(header.kid ?? '');
          // A key another hub just rotated in: reload, but at most every 5 s, so tokens with made-up
          // key ids cannot make every request read and decrypt the keys.
          if (!key && Date.now() - this.forcedAt > 5_000) {
            this.forcedAt = Date.now();
            await this.load(true);
            key = this.keys.get(header.kid ?? '');
          }
          if (!key) throw new Error('unknown key id');
          return key.publicKey;
        },
        {
          algorithms: [ALG],
          issuer: this.hub.config.PUBLIC_URL,
          audience: AUDIENCE,
          typ: 'at+jwt',
          requiredClaims: ['exp', 'sub', 'sid'],
        },
      );
      if (this.verified.size > 10_000) this.verified.clear();
      this.verified.set(token, payload);
      return payload;
    } catch (err) {
      const code = (err as { code?: string }).code;
      throw invalid(code === 'ERR_JWT_EXPIRED' ? 'The access token expired' : 'The access token is invalid');
    }
  }
}

function jwtSecret(hub: Hub): string {
  if (hub.config.JWT_SECRET) return hub.config.JWT_SECRET;
  const file = path.join(hub.config.DATA_DIR, 'secrets', 'jwt-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  return fs.readFileSync(file, 'utf8').trim();
}
