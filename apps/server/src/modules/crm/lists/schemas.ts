import { z } from 'zod';

/** zod pieces shared by CRM record routes. */
export const uuid = z.uuid({ message: 'must be a UUID' });
export const idParams = z.object({ id: uuid });
export const tagList = z.array(z.string().trim().min(1).max(60)).max(50);
export const address = z
  .object({
    street: z.string().max(300).optional(),
    city: z.string().max(120).optional(),
    region: z.string().max(120).optional(),
    postalCode: z.string().max(30).optional(),
    country: z.string().max(80).optional(),
  })
  .strict();
export const customValues = z
  .record(z.string(), z.union([z.string(), z.number(), z.array(z.string()), z.null()]))
  .describe('Values of the custom fields, by key');
export const bulkTarget = {
  ids: z.array(uuid).min(1).max(10000).optional(),
  filter: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Same language as the list `filter` (an empty object matches every record)'),
  q: z.string().max(200).optional(),
};
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
