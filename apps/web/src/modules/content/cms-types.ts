import type { paths } from '../../api/schema';

/*
 * The CMS API's shapes. Blocks and page content are written out as discriminated unions (the editor
 * narrows on `type`); everything else is taken from the generated schema, and the checks at the end
 * fail the typecheck when the hub's content schema and these unions drift apart.
 */

export type BlockType =
  | 'heading'
  | 'richText'
  | 'image'
  | 'gallery'
  | 'cta'
  | 'quote'
  | 'columns'
  | 'form'
  | 'productGrid';

export interface GalleryItem {
  mediaId: string;
  alt?: string;
  caption?: string;
}

export type LeafBlock = { id: string } & (
  | { type: 'heading'; text: string; level: 1 | 2 | 3 | 4 }
  | { type: 'richText'; html: string }
  | { type: 'image'; mediaId: string; alt?: string; caption?: string; link?: string }
  | { type: 'gallery'; items: GalleryItem[]; columns: 2 | 3 | 4 }
  | {
      type: 'cta';
      heading: string;
      text?: string;
      buttonLabel: string;
      buttonUrl: string;
      style: 'primary' | 'secondary';
    }
  | { type: 'quote'; text: string; cite?: string }
  | { type: 'form'; formId: string; heading?: string }
  | { type: 'productGrid'; collection?: string; limit: number }
);

export type ColumnsBlock = { id: string; type: 'columns'; columns: { blocks: LeafBlock[] }[] };
export type Block = LeafBlock | ColumnsBlock;
export type BlockOf<T extends BlockType> = Extract<Block, { type: T }>;

export interface Seo {
  title?: string;
  description?: string;
  canonicalUrl?: string;
  ogImageMediaId?: string;
}

export interface PageContent {
  title: string;
  blocks: Block[];
  seo: Seo;
  excerpt?: string;
  coverMediaId?: string;
}

type Ok<P extends keyof paths, M extends 'get' | 'post' | 'patch' | 'put'> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer J } } }
    ? J
    : R extends { 201: { content: { 'application/json': infer J } } }
      ? J
      : never
  : never;

type Generated<T, C> = Omit<T, 'content' | 'published'> & { content: C; published: C | null };

export type PageKind = PageSummary['kind'];
export type PageStatus = PageSummary['status'];
export type PageSummary = Ok<'/api/brain/cms/sites/{siteId}/pages', 'get'>['items'][number];
export type PageDetail = Generated<Ok<'/api/brain/cms/pages/{id}', 'get'>, PageContent>;
export type Revision = Ok<'/api/brain/cms/pages/{id}/revisions', 'get'>['items'][number];
export type ContentDiff = Ok<'/api/brain/cms/pages/{id}/revisions/{revisionId}/diff', 'get'>;
export type FieldChange = ContentDiff['fields'][number];
export type BlockChange = ContentDiff['blocks'][number];
export type Site = Ok<'/api/brain/cms/sites/{id}', 'get'>;
export type SiteTheme = Site['theme'];
export type NavItem = Site['navigation'][number];
export type Domain = Site['domains'][number];
export type Category = Ok<'/api/brain/cms/sites/{siteId}/categories', 'get'>['items'][number];
export type Redirect = Ok<'/api/brain/cms/sites/{siteId}/redirects', 'get'>['items'][number];
export type MediaPage = Ok<'/api/brain/cms/media', 'get'>;
export type Media = MediaPage['items'][number];
export type MediaVariant = Media['variants'][number];
export type CrmForm = Ok<'/api/brain/crm/forms', 'get'>['items'][number];

// Drift checks: the hub's page content and these unions must be assignable both ways.
type HubContent = Ok<'/api/brain/cms/pages/{id}', 'get'>['content'];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const contentMatchesHub: Same<HubContent['blocks'][number], Block> = true;
export const seoMatchesHub: Same<HubContent['seo'], Seo> = true;
