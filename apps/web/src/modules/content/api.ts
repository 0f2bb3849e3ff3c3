import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { PageContent, PageDetail, PageKind, Redirect, Site } from './cms-types';

export type * from './cms-types';

/** The CMS API's base path (the XHR upload uses it; everything else goes through the typed client). */
export const CMS = '/api/brain/cms';

const id = (v: string) => ({ params: { path: { id: v } } });
const site = (siteId: string) => ({ params: { path: { siteId } } });
/** Draft, publish and restore answer the page; its content is the editor's block union (checked in cms-types). */
const asPage = (p: Promise<unknown>) => p as Promise<PageDetail>;

// --- Sites ----------------------------------------------------------------------------------------

export const sitesQuery = queryOptions({
  queryKey: ['cms', 'sites'],
  queryFn: async () => (await unwrap(api.GET('/api/brain/cms/sites'))).items,
});

export const siteQuery = (siteId: string) =>
  queryOptions({
    queryKey: ['cms', 'site', siteId],
    queryFn: () => unwrap(api.GET('/api/brain/cms/sites/{id}', id(siteId))),
  });

export type SiteInput = Partial<
  Pick<Site, 'name' | 'handle' | 'isPrimary' | 'locale' | 'navigation' | 'settings'>
> & {
  theme?: {
    logoMediaId?: string;
    colors: { primary: string; accent: string; background: string; text: string };
    font?: string;
  };
};
export const createSite = (body: SiteInput & { name: string; handle: string }) =>
  unwrap(api.POST('/api/brain/cms/sites', { body }));
export const updateSite = (siteId: string, body: SiteInput) =>
  unwrap(api.PATCH('/api/brain/cms/sites/{id}', { ...id(siteId), body }));
export const addDomain = (siteId: string, host: string) =>
  unwrap(api.POST('/api/brain/cms/sites/{id}/domains', { ...id(siteId), body: { host } }));
/** Looks the domain's TXT record up now: the verified domain, or an ApiError (422 not found yet, 409 taken). */
export const verifyDomain = (siteId: string, domainId: string) =>
  unwrap(
    api.POST('/api/brain/cms/sites/{id}/domains/{domainId}/verify', {
      params: { path: { id: siteId, domainId } },
    }),
  );
export const removeDomain = (siteId: string, domainId: string) =>
  unwrap(
    api.DELETE('/api/brain/cms/sites/{id}/domains/{domainId}', {
      params: { path: { id: siteId, domainId } },
    }),
  );

// --- Pages and posts ------------------------------------------------------------------------------

export interface PageFilter {
  kind?: PageKind;
  q?: string;
  status?: 'draft' | 'published' | 'unpublished';
}

export const pagesQuery = (siteId: string, filter: PageFilter = {}) =>
  queryOptions({
    queryKey: ['cms', 'pages', siteId, filter],
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/brain/cms/sites/{siteId}/pages', {
            params: { path: { siteId }, query: { ...filter, q: filter.q || undefined } },
          }),
        )
      ).items,
  });

export const pageQuery = (pageId: string) =>
  queryOptions({
    queryKey: ['cms', 'page', pageId],
    queryFn: () => asPage(unwrap(api.GET('/api/brain/cms/pages/{id}', id(pageId)))),
  });

export interface PageCreate {
  siteId: string;
  kind: PageKind;
  parentId?: string | null;
  slug: string;
  title: string;
  content?: PageContent;
}
export const createPage = (body: PageCreate) => asPage(unwrap(api.POST('/api/brain/cms/pages', { body })));
export const patchPage = (pageId: string, body: { slug?: string; tags?: string[]; categoryIds?: string[] }) =>
  asPage(unwrap(api.PATCH('/api/brain/cms/pages/{id}', { ...id(pageId), body })));
export const saveDraft = (pageId: string, content: PageContent, message?: string) =>
  asPage(unwrap(api.PUT('/api/brain/cms/pages/{id}/draft', { ...id(pageId), body: { content, message } })));
export const movePage = (pageId: string, parentId: string | null, position: number) =>
  asPage(unwrap(api.POST('/api/brain/cms/pages/{id}/move', { ...id(pageId), body: { parentId, position } })));
export const publishPage = (pageId: string, revisionId?: string) =>
  asPage(unwrap(api.POST('/api/brain/cms/pages/{id}/publish', { ...id(pageId), body: { revisionId } })));
export const unpublishPage = (pageId: string, descendants = false) =>
  unwrap(api.POST('/api/brain/cms/pages/{id}/unpublish', { ...id(pageId), body: { descendants } }));
export const schedulePage = (pageId: string, publishAt: string | null, unpublishAt: string | null) =>
  asPage(
    unwrap(
      api.PUT('/api/brain/cms/pages/{id}/schedule', { ...id(pageId), body: { publishAt, unpublishAt } }),
    ),
  );
export const deletePage = (pageId: string) => unwrap(api.DELETE('/api/brain/cms/pages/{id}', id(pageId)));
export const previewLink = (pageId: string) =>
  unwrap(
    api.POST('/api/brain/cms/pages/{id}/preview-link', { ...id(pageId), body: { expiresInMinutes: 60 } }),
  );

// --- Revisions ------------------------------------------------------------------------------------

export const revisionsQuery = (pageId: string) =>
  queryOptions({
    queryKey: ['cms', 'revisions', pageId],
    queryFn: async () => (await unwrap(api.GET('/api/brain/cms/pages/{id}/revisions', id(pageId)))).items,
  });

export const diffQuery = (pageId: string, revisionId: string, against: string) =>
  queryOptions({
    queryKey: ['cms', 'diff', pageId, revisionId, against],
    queryFn: () =>
      unwrap(
        api.GET('/api/brain/cms/pages/{id}/revisions/{revisionId}/diff', {
          params: { path: { id: pageId, revisionId }, query: { against } },
        }),
      ),
  });
export const restoreRevision = (pageId: string, revisionId: string) =>
  asPage(
    unwrap(
      api.POST('/api/brain/cms/pages/{id}/revisions/{revisionId}/restore', {
        params: { path: { id: pageId, revisionId } },
      }),
    ),
  );

// --- Categories, redirects ------------------------------------------------------------------------

export const categoriesQuery = (siteId: string) =>
  queryOptions({
    queryKey: ['cms', 'categories', siteId],
    queryFn: async () =>
      (await unwrap(api.GET('/api/brain/cms/sites/{siteId}/categories', site(siteId)))).items,
  });
export const createCategory = (siteId: string, body: { name: string; slug: string }) =>
  unwrap(api.POST('/api/brain/cms/sites/{siteId}/categories', { ...site(siteId), body }));

export const redirectsQuery = (siteId: string) =>
  queryOptions({
    queryKey: ['cms', 'redirects', siteId],
    queryFn: async () =>
      (await unwrap(api.GET('/api/brain/cms/sites/{siteId}/redirects', site(siteId)))).items,
  });
export const createRedirect = (siteId: string, body: Pick<Redirect, 'fromPath' | 'toUrl' | 'statusCode'>) =>
  unwrap(api.POST('/api/brain/cms/sites/{siteId}/redirects', { ...site(siteId), body }));
export const deleteRedirect = (redirectId: string) =>
  unwrap(api.DELETE('/api/brain/cms/redirects/{id}', id(redirectId)));

// --- Media ----------------------------------------------------------------------------------------

/** The library, newest first, 60 at a time (`fetchNextPage` follows the hub's cursor). */
export const mediaListQuery = (q = '') =>
  infiniteQueryOptions({
    queryKey: ['cms', 'media', q],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/brain/cms/media', {
          params: { query: { q: q || undefined, limit: 60, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
export const mediaQuery = (mediaId: string) =>
  queryOptions({
    queryKey: ['cms', 'media-one', mediaId],
    queryFn: () => unwrap(api.GET('/api/brain/cms/media/{id}', id(mediaId))),
    staleTime: 5 * 60_000,
  });
export const patchMedia = (mediaId: string, body: { alt?: string; filename?: string }) =>
  unwrap(api.PATCH('/api/brain/cms/media/{id}', { ...id(mediaId), body }));
export const deleteMedia = (mediaId: string) => unwrap(api.DELETE('/api/brain/cms/media/{id}', id(mediaId)));

/** The smallest variant at least `width` wide, for thumbnails. */
export function thumbUrl(
  m: { url: string; variants: { width: number; url: string }[] },
  width = 320,
): string {
  const fit = [...m.variants].sort((a, b) => a.width - b.width).find((v) => v.width >= width);
  return fit?.url ?? m.url;
}

// --- CRM forms (for the form block) ----------------------------------------------------------------

export const crmFormsQuery = queryOptions({
  queryKey: ['crm', 'forms', 'for-cms'],
  queryFn: async () => (await unwrap(api.GET('/api/brain/crm/forms'))).items,
});
