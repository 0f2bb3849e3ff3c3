import { z } from 'zod';

/** Keys that a submission uses for itself, so no form field may take them. */
export const RESERVED_KEYS = ['consent', 'page_url', '_website'] as const;
/** The honeypot: invisible to people, filled by bots. */
export const HONEYPOT_KEY = '_website';

export const fieldType = z.enum(['text', 'email', 'phone', 'textarea', 'select', 'checkbox']);

export const formField = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must start with a letter: a-z, 0-9 and _, at most 40 characters')
      .refine((k) => !(RESERVED_KEYS as readonly string[]).includes(k), 'is reserved'),
    label: z.string().trim().min(1).max(200),
    type: fieldType,
    required: z.boolean().default(false),
    options: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
  })
  .refine((f) => f.type !== 'select' || f.options.length > 0, {
    message: 'a select field needs options',
    path: ['options'],
  });

export const formFields = z
  .array(formField)
  .min(1)
  .max(50)
  .refine((fs) => new Set(fs.map((f) => f.key)).size === fs.length, 'field keys must be unique');

export type FormField = z.infer<typeof formField>;

export const formInput = z.object({
  name: z.string().trim().min(1).max(200),
  fields: formFields,
  consentText: z.string().trim().min(1).max(2000).nullable().optional(),
  thankYou: z.string().trim().min(1).max(2000).optional(),
  notifyUserId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
});
export type FormInput = z.infer<typeof formInput>;
export const formPatch = formInput.partial();
export type FormPatch = z.infer<typeof formPatch>;

export const form = z.object({
  id: z.string(),
  /** What the public submit endpoint and the embed snippet use (tenant and form, self-locating). */
  publicId: z.string(),
  name: z.string(),
  fields: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      type: fieldType,
      required: z.boolean(),
      options: z.array(z.string()),
    }),
  ),
  consentText: z.string().nullable(),
  thankYou: z.string(),
  notifyUserId: z.string().nullable(),
  active: z.boolean(),
  submissions: z.number(),
  submitUrl: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Form = z.infer<typeof form>;

export const submission = z
  .record(z.string().max(100), z.union([z.string().max(10_000), z.boolean(), z.number()]))
  .refine((b) => Object.keys(b).length <= 100, 'has more than 100 fields');
export type Submission = z.infer<typeof submission>;
