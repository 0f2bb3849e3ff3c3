import { z } from 'zod';
import { ALLOWED_MIMES } from './media-types.js';

/** The media JSON of the CMS contract. */
export const mediaVariant = z.object({
  width: z.number().int(),
  height: z.number().int(),
  format: z.string(),
  url: z.string(),
  size: z.number().int(),
});
export const mediaSchema = z.object({
  id: z.string(),
  filename: z.string(),
  mime: z.string(),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  alt: z.string(),
  url: z.string().describe('Path of the stored original on the hub: /media/<tenantId>/<mediaId>/<file>'),
  variants: z
    .array(mediaVariant)
    .describe('Responsive variants (WebP and the original format), narrowest first'),
  checksum: z.string().describe('sha256 of the uploaded bytes'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Media = z.infer<typeof mediaSchema>;
export type MediaVariant = z.infer<typeof mediaVariant>;

export const ALT_MAX = 1000;
export const altText = z.string().trim().max(ALT_MAX, `at most ${ALT_MAX} characters`);
export const filenameText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(255, 'at most 255 characters')
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters on purpose
  .refine((v) => !/[/\\\u0000-\u001f\u007f]/.test(v), 'must not contain slashes or control characters');

export const mediaListQuery = z.object({
  q: z.string().trim().max(200).optional().describe('Searches file name and alt text'),
  type: z
    .union([z.enum(['image', 'document']), z.enum(ALLOWED_MIMES)])
    .optional()
    .describe('`image`, `document` (PDF) or one MIME type'),
  cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page (opaque)'),
  limit: z.coerce.number().int().min(1).max(100).default(40),
});
export type MediaListQuery = z.infer<typeof mediaListQuery>;

export const mediaPatch = z
  .object({ alt: altText.optional(), filename: filenameText.optional() })
  .strict()
  .refine((b) => b.alt !== undefined || b.filename !== undefined, 'send alt or filename');
export type MediaPatch = z.infer<typeof mediaPatch>;

export const mediaPage = z.object({ items: z.array(mediaSchema), nextCursor: z.string().nullable() });
