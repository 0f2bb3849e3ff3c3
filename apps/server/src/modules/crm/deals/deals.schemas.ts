import { z } from 'zod';
import { listQuerystring } from '../lists/index.js';
import { currency, custom, isoDate, money, tags, uuid } from './common.js';

const stageKind = z.enum(['open', 'won', 'lost']);
export const stageSchema = z.object({
  id: z.string(),
  pipelineId: z.string(),
  name: z.string(),
  position: z.number(),
  probability: z.number(),
  kind: stageKind,
});
export const pipelineSchema = z.object({
  id: z.string(),
  name: z.string(),
  isDefault: z.boolean(),
  position: z.number(),
  createdAt: z.string(),
  stages: z.array(stageSchema),
});

const name = z.string().trim().min(1).max(200);
const probability = z.number().int().min(0).max(100);
export const stageInput = z.object({ name, probability: probability.optional(), kind: stageKind.optional() });
export const pipelineCreate = z.object({
  name,
  isDefault: z.boolean().optional(),
  stages: z.array(stageInput).min(1).max(30).optional(),
});
export const pipelinePatch = z.object({
  name: name.optional(),
  isDefault: z.literal(true).optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export const stageCreate = stageInput.extend({ position: z.number().int().min(0).max(1000).optional() });
export const stagePatch = z.object({
  name: name.optional(),
  probability: probability.optional(),
  kind: stageKind.optional(),
});
export const stageParams = z.object({ id: uuid, stageId: uuid });
export const reorderBody = z.object({ stageIds: z.array(uuid).min(1).max(100) });

export const dealSchema = z.object({
  id: z.string(),
  name: z.string(),
  pipelineId: z.string(),
  stageId: z.string(),
  position: z.number(),
  amount: z.number(),
  currency: z.string(),
  expectedCloseDate: z.string().nullable(),
  status: z.enum(['open', 'won', 'lost']),
  lostReason: z.string().nullable(),
  contactId: z.string().nullable(),
  companyId: z.string().nullable(),
  ownerId: z.string().nullable(),
  tags: z.array(z.string()),
  custom: z.record(z.string(), z.unknown()),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const dealFields = {
  name: z.string().trim().min(1).max(300),
  amount: money.optional(),
  currency: currency.optional(),
  expectedCloseDate: isoDate.nullable().optional(),
  contactId: uuid.nullable().optional(),
  companyId: uuid.nullable().optional(),
  ownerId: uuid.nullable().optional(),
  tags: tags.optional(),
  custom: custom.optional(),
};
export const dealCreate = z.object({ ...dealFields, pipelineId: uuid.optional(), stageId: uuid.optional() });
export const dealPatch = z.object({ ...dealFields, name: dealFields.name.optional() });
/** The shared CRM list query (q, filter, sort, limit, cursor, view) plus the deal shortcuts. */
export const dealQuery = listQuerystring.extend({
  status: z.enum(['open', 'won', 'lost']).optional(),
  pipelineId: uuid.optional(),
  stageId: uuid.optional(),
  ownerId: uuid.optional(),
  contactId: uuid.optional(),
  companyId: uuid.optional(),
});
export const moveBody = z
  .object({
    stageId: uuid,
    position: z.number().finite().optional(),
    beforeId: uuid.optional(),
    afterId: uuid.optional(),
  })
  .refine((b) => b.position === undefined || (b.beforeId === undefined && b.afterId === undefined), {
    message: 'give either position or beforeId/afterId',
    path: ['position'],
  });
export const lostBody = z.object({ reason: z.string().trim().min(1).max(500) });
