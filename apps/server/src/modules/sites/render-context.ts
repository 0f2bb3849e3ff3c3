import type { PublicSite } from '../cms/index.js';

/** What a rendered image needs (the media slice's `imageSources`, or our fallback). */
export interface ImageSources {
  src: string;
  srcset: string;
  width: number | null;
  height: number | null;
  alt: string;
}

/** A CRM lead form as the form block shows it. */
export interface PublicForm {
  publicId: string;
  name: string;
  submitUrl: string;
  thankYou: string;
  consentText: string | null;
  fields: { key: string; label: string; type: string; required: boolean; options: string[] }[];
}

/** Where a form block stands after a plain (JS-off) post came back: ?form=sent|error&f=<publicId>&field=<key>. */
export interface FormState {
  publicId: string;
  sent: boolean;
  field?: string;
}

/** Everything a renderer needs besides the content: the site, where it is mounted, looked-up media and forms. */
export interface RenderCtx {
  tenantId: string;
  site: PublicSite;
  /** '' on a custom domain, '/sites/<slug>' (or '/sites/<slug>~<handle>') on the hub. */
  base: string;
  /** Absolute origin + base of this mount, e.g. https://www.example.com or http://hub/sites/acme. */
  absBase: string;
  /** Absolute base for canonical links: the site's custom domain when it has one. */
  canonicalBase: string;
  /** The requested site path ('/', '/about', '/blog'): marks the current navigation entry. */
  path: string;
  media: Map<string, ImageSources>;
  forms: Map<string, PublicForm>;
  formState?: FormState;
  preview?: boolean;
}
