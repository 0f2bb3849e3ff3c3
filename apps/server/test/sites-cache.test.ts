import { describe, expect, it } from 'vitest';
import { type CachedResponse, SiteCache, type SiteRef } from '../src/modules/sites/site-cache.js';

const ref = (tenantId: string, siteId: string): SiteRef => ({
  tenantId,
  siteId,
  tenantSlug: 't',
  handle: 'www',
  isPrimary: true,
  host: null,
});
const resp = (text: string): CachedResponse => ({
  status: 200,
  type: 'text/html',
  body: Buffer.from(text),
  etag: `"${text}"`,
  cacheControl: 'public',
});
const A = '00000000-0000-7000-8000-00000000000a';
const B = '00000000-0000-7000-8000-00000000000b';

describe('the public sites cache', () => {
  it('drops a site on its own change, all of a tenant on *, and nothing of other tenants', () => {
    const c = new SiteCache();
    const a1 = ref(A, 's1');
    const a2 = ref(A, 's2');
    const b1 = ref(B, 's1');
    for (const [k, r] of [
      ['a1', a1],
      ['a2', a2],
      ['b1', b1],
    ] as const)
      c.set(k, r, c.stamp(r.tenantId, r.siteId), resp(k));
    c.invalidate(A, 's1');
    expect([c.get('a1'), c.get('a2')?.etag, c.get('b1')?.etag]).toEqual([undefined, '"a2"', '"b1"']);
    c.invalidate(A, '*');
    expect([c.get('a2'), c.get('b1')?.etag]).toEqual([undefined, '"b1"']);
  });

  it('never keeps a page rendered from data read before a change', () => {
    const c = new SiteCache();
    const r = ref(A, 's1');
    const stamp = c.stamp(A, 's1'); // taken before the read
    c.invalidate(A, 's1'); // a publish commits while the page renders
    c.set('k', r, stamp, resp('stale'));
    expect(c.get('k')).toBeUndefined();
  });

  it('is bounded, dropping the oldest entries first', () => {
    const c = new SiteCache(3);
    const r = ref(A, 's1');
    for (const k of ['1', '2', '3', '4']) c.set(k, r, c.stamp(A, 's1'), resp(k));
    expect(c.size.pages).toBe(3);
    expect(c.get('1')).toBeUndefined();
    expect(c.get('4')?.etag).toBe('"4"');
  });

  it('keeps at most maxBytes of bodies', () => {
    const c = new SiteCache(100, 25);
    const r = ref(A, 's1');
    for (const k of ['one', 'two', 'three', 'four']) c.set(k, r, c.stamp(A, 's1'), resp(k.repeat(3)));
    // 9 + 9 + 15 > 25 drops 'one'; + 12 drops 'two' and 'three'
    expect(c.size).toMatchObject({ pages: 1, bytes: 12 });
    expect(c.get('four')?.etag).toBe('"fourfourfour"');
    c.invalidate(A, 's1');
    expect(c.get('four')).toBeUndefined();
    expect(c.size).toMatchObject({ pages: 0, bytes: 0 });
  });

  it('remembers misses briefly and forgets them when any site of any tenant changes', () => {
    const c = new SiteCache();
    c.setRef('h:new.example', null, c.currentRefGeneration);
    expect(c.getRef('h:new.example')).toBeNull();
    c.setRef('h:a.example', ref(A, 's1'), c.currentRefGeneration);
    c.setRef('h:b.example', ref(B, 's1'), c.currentRefGeneration);
    c.invalidate(B, '*');
    expect(c.getRef('h:new.example')).toBeUndefined();
    expect(c.getRef('h:b.example')).toBeUndefined();
    expect(c.getRef('h:a.example')?.tenantId).toBe(A);
    c.invalidateAll();
    expect(c.getRef('h:a.example')).toBeUndefined();
  });

  it('does not remember a look-up that a change overtook (a domain moved to another tenant)', () => {
    const c = new SiteCache();
    // The look-up of moved.example starts and reads tenant A's site...
    const gen = c.currentRefGeneration;
    // ...A removes the domain (its notification arrives before the look-up ends; B adds it later)...
    c.invalidate(A, 's1');
    c.setRef('h:moved.example', ref(A, 's1'), gen);
    c.invalidate(B, 's1');
    // ...so the next request looks the host up again instead of serving A's site for B's domain.
    expect(c.getRef('h:moved.example')).toBeUndefined();
    const now = c.currentRefGeneration;
    c.setRef('h:moved.example', ref(B, 's1'), now);
    expect(c.getRef('h:moved.example')?.tenantId).toBe(B);
  });
});
