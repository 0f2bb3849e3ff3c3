import { randomBytes } from 'node:crypto';
import { promises as dns } from 'node:dns';
import type { Config } from '../../../config.js';

/** The DNS record that proves control of a custom domain (decision 0011). */
export const CHALLENGE_PREFIX = '_bizosaas-challenge';
export const VALUE_PREFIX = 'bizosaas-site-verification=';

/** 24 random bytes, base64url: the value a tenant publishes for one domain. */
export const newVerificationToken = () => randomBytes(24).toString('base64url');

export interface VerificationRecord {
  type: 'TXT';
  name: string;
  value: string;
}

/** The record for a host (a port, if the domain has one, is not part of a DNS name). */
export function verificationRecord(host: string, token: string): VerificationRecord {
  return {
    type: 'TXT',
    name: `${CHALLENGE_PREFIX}.${host.replace(/:\d+$/, '')}`,
    value: `${VALUE_PREFIX}${token}`,
  };
}

export type CheckResult = { ok: true } | { ok: false; found: string };

/** What was found, in words a console user can act on. */
const describeError = (code: string | undefined) =>
  code === 'ENOTFOUND'
    ? 'none (ENOTFOUND: the name does not exist)'
    : code === 'ENODATA'
      ? 'none (ENODATA: the name has no TXT record)'
      : `no answer (DNS error ${code ?? 'unknown'})`;

/**
 * TXT look-ups through node's resolver: the configured DNS_SERVERS or the system's, about 3 s per
 * try, 2 tries. Never call it inside an open database transaction (it may take seconds).
 */
export class DomainChecker {
  constructor(private readonly servers: readonly string[]) {}

  static fromConfig(config: Pick<Config, 'DNS_SERVERS'>) {
    return new DomainChecker(config.DNS_SERVERS);
  }

  async lookupTxt(name: string): Promise<string[]> {
    const resolver = new dns.Resolver({ timeout: 3000, tries: 2 });
    if (this.servers.length) resolver.setServers([...this.servers]);
    // A TXT record may be split into strings of up to 255 bytes: they form one value.
    return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
  }

  async check(record: VerificationRecord): Promise<CheckResult> {
    let values: string[];
    try {
      values = await this.lookupTxt(record.name);
    } catch (err) {
      return { ok: false, found: describeError((err as NodeJS.ErrnoException).code) };
    }
    if (values.some((v) => v.trim() === record.value)) return { ok: true };
    return {
      ok: false,
      found: values.length
        ? values
            .slice(0, 5)
            .map((v) => JSON.stringify(v.length > 120 ? `${v.slice(0, 120)}…` : v))
            .join(', ')
        : 'none',
    };
  }
}

/** The message stored in last_error and sent as the 422 detail. */
export const notVerifiedMessage = (record: VerificationRecord, found: string) =>
  `Expected a TXT record ${record.name} with the value ${record.value}; found: ${found}`;

/** One domain as the SQL `domainJson` fragment of domains.service.ts returns it. */
export interface DomainRow {
  id: string;
  host: string;
  token: string;
  verifiedAt: string | null;
  lastCheckedAt: string | null;
  lastError: string | null;
  createdAt: string;
}

export const toDomain = ({ token, ...d }: DomainRow) => ({
  ...d,
  status: d.verifiedAt ? ('verified' as const) : ('pending' as const),
  verification: verificationRecord(d.host, token),
});
