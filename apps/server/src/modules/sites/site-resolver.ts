import type { Hub } from '../../platform/hub.js';
import type { SiteCache, SiteRef } from './site-cache.js';

interface Row {
  tenant_id: string;
  site_id: string;
  tenant_slug: string;
  site_handle: string;
  is_primary: boolean;
  host: string | null;
}

const toRef = (r: Row | undefined): SiteRef | null =>
  r
    ? {
        tenantId: r.tenant_id,
        siteId: r.site_id,
        tenantSlug: r.tenant_slug,
        handle: r.site_handle,
        isPrimary: r.is_primary,
        host: r.host,
      }
    : null;

const HOST_RE = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$/;
const SLUG_RE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const HANDLE_RE = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/**
 * Host and slug → site, through the narrow SECURITY DEFINER functions of migration 0010 (the only
 * cross-tenant reads of the sites module), cached in process; a miss is cached for a short while.
 */
export class SiteResolver {
  /** The hub's own host names: never looked up as custom domains. */
  private readonly own: Set<string>;

  constructor(
    private readonly hub: Hub,
    private readonly cache: SiteCache,
  ) {
    const pub = new URL(hub.config.PUBLIC_URL);
    this.own = new Set([
      pub.host.toLowerCase(),
      pub.hostname.toLowerCase(),
      'localhost',
      '127.0.0.1',
      '[::1]',
    ]);
  }

  /** True for the hub's own host names and IP literals: the API and console answer there. */
  isOwnHost(host: string): boolean {
    if (this.own.has(host)) return true;
    const known = this.ownMemo.get(host);
    if (known !== undefined) return known;
    const own = this.computeOwn(host);
    if (this.ownMemo.size > 1000) this.ownMemo.clear();
    this.ownMemo.set(host, own);
    return own;
  }

  private readonly ownMemo = new Map<string, boolean>();

  private computeOwn(host: string): boolean {
    const h = host.toLowerCase();
    if (this.own.has(h)) return true;
    const name = h.startsWith('[') ? h.slice(0, h.indexOf(']') + 1) : h.split(':')[0]!;
    return this.own.has(name) || /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.startsWith('[');
  }

  private async lookup(key: string, query: string, params: unknown[]): Promise<SiteRef | null> {
    const hit = this.cache.getRef(key);
    if (hit !== undefined) return hit;
    // A change notified while the query runs (a domain moved to another tenant) may not be in
    // its answer: then the answer is used for this request only, not remembered.
    const gen = this.cache.currentRefGeneration;
    const { rows } = await this.hub.db.app.query<Row>(query, params);
    const ref = toRef(rows[0]);
    this.cache.setRef(key, ref, gen);
    return ref;
  }

  /** The site answering a Host header (a custom domain), or null. */
  byHost(rawHost: string): Promise<SiteRef | null> {
    const host = rawHost.toLowerCase();
    if (host.length > 260 || !HOST_RE.test(host)) return Promise.resolve(null);
    return this.lookup(`h:${host}`, 'select * from cms.site_by_host($1)', [host]);
  }

  /** `<tenant-slug>` (the primary site) or `<tenant-slug>~<site-handle>`. */
  bySlug(segment: string): Promise<SiteRef | null> {
    const hit = this.cache.getRef(`s:${segment}`);
    if (hit !== undefined) return Promise.resolve(hit);
    const [slug, handle, extra] = segment.split('~');
    if (
      !slug ||
      !SLUG_RE.test(slug) ||
      extra !== undefined ||
      (handle !== undefined && !HANDLE_RE.test(handle))
    )
      return Promise.resolve(null);
    return this.lookup(`s:${segment}`, 'select * from cms.site_by_slug($1, $2)', [slug, handle ?? null]);
  }

  /** Uncached: only the preview route uses it, after verifying the token. */
  async byId(tenantId: string, siteId: string): Promise<SiteRef | null> {
    const { rows } = await this.hub.db.app.query<Row>('select * from cms.site_by_id($1, $2)', [
      tenantId,
      siteId,
    ]);
    return toRef(rows[0]);
  }
}
