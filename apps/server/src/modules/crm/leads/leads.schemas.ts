import { z } from 'zod';
import { custom, money, tags, uuid } from '../deals/common.js';
import { customValues, listQuerystring, tagList } from '../lists/index.js';

export const leadStatus = z.enum(['new', 'contacted', 'qualified', 'unqualified', 'converted']);
export const leadSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  companyName: z.string().nullable(),
  jobTitle: z.string().nullable(),
  status: leadStatus,
  source: z.string().nullable(),
  pageUrl: z.string().nullable(),
  tags: z.array(z.string()),
  ownerId: z.string().nullable(),
  contactId: z.string().nullable(),
  companyId: z.string().nullable(),
  dealId: z.string().nullable(),
  score: z.number().nullable(),
  custom: z.record(z.string(), z.unknown()),
  convertedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const text = (max: number) => z.string().trim().max(max);
const leadFields = {
  firstName: text(100).optional(),
  lastName: text(100).optional(),
  email: z.email({ message: 'must be an e-mail address' }).max(254).nullable().optional(),
  phone: text(50).nullable().optional(),
  companyName: text(300).nullable().optional(),
  jobTitle: text(200).nullable().optional(),
  source: text(100).nullable().optional(),
  pageUrl: z.url({ message: 'must be a URL' }).max(2000).nullable().optional(),
  tags: tags.optional(),
  ownerId: uuid.nullable().optional(),
  custom: custom.optional(),
};
const named = (b: {
  firstName?: string;
  lastName?: string;
  email?: string | null;
  companyName?: string | null;
}) => Boolean(b.firstName || b.lastName || b.email || b.companyName);

export const leadCreate = z
  .object({ ...leadFields, status: leadStatus.exclude(['converted']).optional() })
  .refine(named, { message: 'a lead needs a name, an e-mail or a company name', path: ['email'] });
export const leadPatch = z.object({ ...leadFields, status: leadStatus.exclude(['converted']).optional() });
/** The shared CRM list query (q, filter, sort, limit, cursor, view) plus the lead shortcuts. */
export const leadQuery = listQuerystring.extend({
  status: leadStatus.optional(),
  source: z.string().max(100).optional(),
  ownerId: uuid.optional(),
});
export const convertBody = z.object({
  createDeal: z
    .object({
      pipelineId: uuid.optional(),
      name: z.string().trim().min(1).max(300).optional(),
      amount: money.optional(),
    })
    .optional(),
});
export const convertResult = z.object({
  lead: leadSchema,
  contactId: z.string().nullable(),
  companyId: z.string().nullable(),
  dealId: z.string().nullable(),
  contactCreated: z.boolean(),
  companyCreated: z.boolean(),
});
/** What a bulk update sets: the contacts' bulk set plus the status (never `converted`). */
export const leadBulkSet = z.object({
  addTags: tagList.optional(),
  removeTags: tagList.optional(),
  ownerId: uuid.nullable().optional(),
  custom: customValues.optional(),
  status: leadStatus.exclude(['converted']).optional(),
});
