import { z } from 'zod';
import { cursor, isoDateTime, limit, uuid } from '../deals/common.js';

export const activityType = z.enum(['note', 'task', 'call', 'meeting', 'email']);
export const activitySchema = z.object({
  id: z.string(),
  type: activityType,
  subject: z.string(),
  body: z.string(),
  dueAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  occurredAt: z.string(),
  durationMinutes: z.number().nullable(),
  assigneeId: z.string().nullable(),
  createdBy: z.string().nullable(),
  contactId: z.string().nullable(),
  companyId: z.string().nullable(),
  dealId: z.string().nullable(),
  leadId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const fields = {
  subject: z.string().trim().max(300).optional(),
  body: z.string().max(20_000).optional(),
  dueAt: isoDateTime.nullable().optional(),
  occurredAt: isoDateTime.optional(),
  durationMinutes: z.number().int().min(0).max(100_000).nullable().optional(),
  assigneeId: uuid.nullable().optional(),
  done: z.boolean().optional(),
};
const links = {
  contactId: uuid.optional(),
  companyId: uuid.optional(),
  dealId: uuid.optional(),
  leadId: uuid.optional(),
};
export const activityCreate = z
  .object({ type: activityType, ...fields, ...links })
  .refine((b) => Boolean(b.contactId || b.companyId || b.dealId || b.leadId), {
    message: 'link the activity to a contact, company, deal or lead',
    path: ['contactId'],
  });
export const activityPatch = z.object(fields);
export const activityQuery = z.object({
  type: activityType.optional(),
  ...links,
  assigneeId: uuid.optional(),
  open: z.enum(['true', 'false']).optional(),
  limit,
  cursor,
});

export const timelineItem = z.object({
  kind: z.enum(['activity', 'event']),
  id: z.string(),
  at: z.string(),
  type: z.string(),
  subject: z.string().nullable(),
  body: z.string().nullable(),
  dueAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  durationMinutes: z.number().nullable(),
  assigneeId: z.string().nullable(),
  actorId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export const timelineQuery = z.object({ limit, cursor });
