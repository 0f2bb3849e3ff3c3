import { z } from 'zod';
import { address, customValues, tagList, uuid } from '../lists/index.js';

const text = (max: number) => z.string().trim().max(max);
const email = z.email({ message: 'must be an e-mail address' }).max(254);
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()./-]{3,40}$/, 'must be a phone number');

export const contactBody = z.object({
  firstName: text(100).optional(),
  lastName: text(100).optional(),
  emails: z.array(email).max(20).optional(),
  phones: z.array(phone).max(20).optional(),
  jobTitle: text(200).nullable().optional(),
  source: text(100).nullable().optional(),
  tags: tagList.optional(),
  ownerId: uuid.nullable().optional(),
  companyId: uuid.nullable().optional(),
  address: address.optional(),
  custom: customValues.optional(),
  externalId: text(200).min(1).nullable().optional(),
});

export const contact = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  jobTitle: z.string().nullable(),
  source: z.string().nullable(),
  tags: z.array(z.string()),
  ownerId: z.string().nullable(),
  companyId: z.string().nullable(),
  address: z.record(z.string(), z.string()),
  custom: z.record(z.string(), z.unknown()),
  externalId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const bulkSet = z.object({
  addTags: tagList.optional(),
  removeTags: tagList.optional(),
  ownerId: uuid.nullable().optional(),
  custom: customValues.optional(),
});

export const duplicateGroup = z.object({
  reason: z.enum(['email', 'phone', 'companyDomain']),
  value: z.string(),
  contactIds: z.array(z.string()),
});
