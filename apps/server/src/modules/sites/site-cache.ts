/**
 * In-process caches of the public sites: rendered responses per (site, mount, path) and the
 * Host/slug → site look-ups. Entries are stamped with generation counters (per site, per tenant,
 * and one for everything); a change bumps a counter, so invalidation is O(1) and an entry rendered
 * from data read before the bump is never served after it (the stamp is taken before the read).
 */

export interface SiteRef {
  tenantId: string;
  siteId: string;
  tenantSlug: string;
  handle: string;
  isPrimary: boolean;
  /** The site's custom domain (first one), or the Host it was found by. */
  host: string | null;
}

export interface CachedResponse {
  status: number;
  type: string;
  body: Buffer;
  etag: string;
  cacheControl: string;
  /** The body gzipped once when the response is cached (sent to clients that accept gzip). */
  gzip?: Buffer;
}

export interface Stamp {
  tenant: number;
  site: number;
  epoch: number;
}

const sizeOf = (r: CachedResponse) => r.body.length + (r.gzip?.length ?? 0);

interface PageEntry {
  resp: CachedResponse;
  tenantId: string;
  siteId: string;
  stamp: Stamp;
}

interface RefEntry {
  ref: SiteRef | null;
  expires: number;
}

export class SiteCache {
  private readonly gens = new Map<string, number>();
  private epoch = 0;
  private readonly pages = new Map<string, PageEntry>();
  private readonly refs = new Map<string, RefEntry>();
  private bytes = 0;
  /** Bumped by every invalidation: a look-up that started before one is not kept (it may be stale). */
  private refGen = 0;

  constructor(
    readonly maxPages = 5000,
    /** Bodies (plain and gzipped) kept at most, in bytes. */
    readonly maxBytes = 32 * 1024 * 1024,
    readonly maxRefs = 10000,
    /** Look-ups that found nothing are remembered this long (a new domain also clears them). */
    readonly missTtlMs = 30_000,
    /** Found sites are looked up again after this long (a suspended tenant's site goes dark). */
    readonly hitTtlMs = 60_000,
  ) {}

  stamp(tenantId: string, siteId: string): Stamp {
    return {
      tenant: this.gens.get(tenantId) ?? 0,
      site: this.gens.get(`${tenantId}:${siteId}`) ?? 0,
      epoch: this.epoch,
    };
  }

  private fresh(e: PageEntry) {
    const now = this.stamp(e.tenantId, e.siteId);
    return now.tenant === e.stamp.tenant && now.site === e.stamp.site && now.epoch === e.stamp.epoch;
  }

  get(key: string): CachedResponse | undefined {
    const e = this.pages.get(key);
    if (!e) return undefined;
    if (!this.fresh(e)) {
      this.drop(key);
      return undefined;
    }
    return e.resp;
  }

  private drop(key: string) {
    const e = this.pages.get(key);
    if (!e) return;
    this.pages.delete(key);
    this.bytes -= sizeOf(e.resp);
  }

  set(key: string, ref: SiteRef, stamp: Stamp, resp: CachedResponse) {
    const e: PageEntry = { resp, tenantId: ref.tenantId, siteId: ref.siteId, stamp };
    if (!this.fresh(e)) return; // changed while rendering: do not keep
    this.drop(key);
    this.pages.set(key, e);
    this.bytes += sizeOf(resp);
    // Oldest first, until both bounds hold.
    while (this.pages.size > this.maxPages || (this.bytes > this.maxBytes && this.pages.size > 1))
      this.drop(this.pages.keys().next().value!);
  }

  getRef(key: string): SiteRef | null | undefined {
    const e = this.refs.get(key);
    if (!e) return undefined;
    if (e.expires < Date.now()) {
      this.refs.delete(key);
      return undefined;
    }
    return e.ref;
  }

  /** `genAtLookup`: `currentRefGeneration` read before the look-up's query. */
  setRef(key: string, ref: SiteRef | null, genAtLookup: number) {
    if (genAtLookup !== this.refGen) return;
    this.refs.set(key, { ref, expires: Date.now() + (ref ? this.hitTtlMs : this.missTtlMs) });
    if (this.refs.size > this.maxRefs) this.refs.delete(this.refs.keys().next().value!);
  }

  get currentEpoch() {
    return this.epoch;
  }

  get currentRefGeneration() {
    return this.refGen;
  }

  /** A site (or, with '*', every site) of a tenant changed. */
  invalidate(tenantId: string, siteId: string) {
    const key = siteId === '*' ? tenantId : `${tenantId}:${siteId}`;
    this.gens.set(key, (this.gens.get(key) ?? 0) + 1);
    this.refGen++;
    // Its domains, handles or primary flag may have changed, and a new domain may answer a Host
    // that was unknown before: drop the tenant's look-ups and every miss.
    for (const [k, e] of this.refs) if (!e.ref || e.ref.tenantId === tenantId) this.refs.delete(k);
  }

  /** After a lost connection (notifications may have been missed): forget everything. */
  invalidateAll() {
    this.epoch++;
    this.refGen++;
    this.pages.clear();
    this.bytes = 0;
    this.refs.clear();
  }

  get size() {
    return { pages: this.pages.size, refs: this.refs.size, bytes: this.bytes };
  }
}
