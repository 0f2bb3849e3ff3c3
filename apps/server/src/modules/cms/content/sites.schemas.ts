import { z } from 'zod';
import { safeUrl } from './blocks.schemas.js';
import { uuid } from './common.js';

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f6feb');
export const themeSchema = z.object({
  logoMediaId: uuid.optional(),
  logoUrl: z.string().max(2000).optional(),
  colors: z.object({ primary: color, accent: color, background: color, text: color }),
  font: z.string().trim().min(1).max(100).optional(),
});
export const navItemSchema = z
  .object({
    label: z.string().trim().min(1).max(100),
    pageId: uuid.optional(),
    url: safeUrl.optional(),
  })
  .refine((n) => (n.pageId ? !n.url : !!n.url), { message: 'give exactly one of pageId or url' });
export const settingsSchema = z.object({
  tagline: z.string().max(300).optional(),
  description: z.string().max(2000).optional(),
  footer: z.string().max(5000).optional(),
  ogImageMediaId: uuid.optional(),
});
export const DEFAULT_THEME: z.infer<typeof themeSchema> = {
  colors: { primary: '#1f6feb', accent: '#f59e0b', background: '#ffffff', text: '#111827' },
};

export const handle = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/,
    'must be 1-40 lowercase letters, digits and inner hyphens',
  );
export const locale = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'must be a language tag like en or pt-BR');

const siteFields = {
  name: z.string().trim().min(1).max(200),
  handle,
  isPrimary: z.boolean().optional(),
  locale: locale.optional(),
  theme: themeSchema.optional(),
  navigation: z.array(navItemSchema).max(50).optional(),
  settings: settingsSchema.optional(),
};
export const siteCreate = z.object(siteFields);
export const sitePatch = z.object({
  ...siteFields,
  name: siteFields.name.optional(),
  handle: handle.optional(),
});
export type SiteInput = z.infer<typeof sitePatch>;

/** Host names only: lowercase letters, digits, dots and hyphens, an optional port. */
export const domainCreate = z.object({
  host: z
    .string()
    .trim()
    .toLowerCase()
    .max(253)
    .transform((h) => h.replace(/\.$/, ''))
    .pipe(
      z
        .string()
        .regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$/, 'must be a host name like www.example.com'),
    ),
});

/**
 * A custom domain: pending until the TXT record `verification` names is found in DNS, then
 * verified (the public site answers on verified domains only). The record stays for reference.
 */
export const domainSchema = z.object({
  id: z.string(),
  host: z.string(),
  status: z.enum(['pending', 'verified']),
  verifiedAt: z.string().nullable(),
  lastCheckedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  verification: z.object({ type: z.literal('TXT'), name: z.string(), value: z.string() }),
});
export type Domain = z.infer<typeof domainSchema>;
export const siteSchema = z.object({
  id: z.string(),
  name: z.string(),
  handle: z.string(),
  isPrimary: z.boolean(),
  locale: z.string(),
  theme: themeSchema.partial({ colors: true }),
  navigation: z.array(
    z.object({ label: z.string(), pageId: z.string().optional(), url: z.string().optional() }),
  ),
  settings: settingsSchema,
  domains: z.array(domainSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Site = z.infer<typeof siteSchema>;
