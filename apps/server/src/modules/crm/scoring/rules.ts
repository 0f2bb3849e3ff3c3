import { z } from 'zod';
import type { LeadFacts } from './features.js';

export const FIT_FIELDS = [
  'first_name',
  'last_name',
  'email',
  'email_domain',
  'phone',
  'company_name',
  'job_title',
  'source',
  'page_url',
  'status',
] as const;

export const fitCondition = z
  .object({
    field: z.enum(FIT_FIELDS),
    op: z.enum(['contains', 'equals', 'starts_with', 'ends_with', 'present', 'absent']),
    value: z.string().trim().min(1).max(200).optional(),
  })
  .refine((c) => c.op === 'present' || c.op === 'absent' || c.value !== undefined, {
    message: 'is required for this operator',
    path: ['value'],
  });

export const engagementCondition = z.object({
  metric: z.enum(['activities', 'form_submissions']),
  /** Only activities of this type (metric activities). */
  activityType: z.enum(['note', 'task', 'call', 'meeting', 'email']).optional(),
  days: z.number().int().min(1).max(3650),
  min: z.number().int().min(1).max(10_000).default(1),
});

export const ruleInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('fit'),
    label: z.string().trim().min(1).max(200),
    condition: fitCondition,
    points: z.number().int().min(-100).max(100),
  }),
  z.object({
    kind: z.literal('engagement'),
    label: z.string().trim().min(1).max(200),
    condition: engagementCondition,
    points: z.number().int().min(-100).max(100),
  }),
]);
export type RuleInput = z.infer<typeof ruleInput>;
export type FitCondition = z.infer<typeof fitCondition>;
export type EngagementCondition = z.infer<typeof engagementCondition>;
export type Rule = RuleInput & { id: string; createdAt: string };

export interface LeadRecord extends LeadFacts {
  firstName: string;
  lastName: string;
  status: string;
}

function fieldValue(l: LeadRecord, f: FitCondition['field']): string {
  const v: Record<FitCondition['field'], string | null> = {
    first_name: l.firstName,
    last_name: l.lastName,
    email: l.email,
    email_domain: l.email?.split('@')[1] ?? null,
    phone: l.phone,
    company_name: l.companyName,
    job_title: l.jobTitle,
    source: l.source,
    page_url: l.pageUrl,
    status: l.status,
  };
  return (v[f] ?? '').trim().toLowerCase();
}

export function fitMatches(c: FitCondition, l: LeadRecord): boolean {
  const v = fieldValue(l, c.field);
  const want = (c.value ?? '').toLowerCase();
  switch (c.op) {
    case 'present':
      return v !== '';
    case 'absent':
      return v === '';
    case 'equals':
      return v === want;
    case 'contains':
      return v.includes(want);
    case 'starts_with':
      return v.startsWith(want);
    case 'ends_with':
      return v.endsWith(want);
  }
}

export interface Reason {
  kind: 'fit' | 'engagement' | 'model';
  label: string;
  points: number;
}

/**
 * Sum of the points of the matching rules, clamped to 0–100; `engagement` gives each
 * engagement rule's count (the service counts over the rule's window).
 */
export function scoreRules(rules: Rule[], lead: LeadRecord, engagement: Map<string, number>) {
  const reasons: Reason[] = [];
  for (const r of rules) {
    const hit =
      r.kind === 'fit' ? fitMatches(r.condition, lead) : (engagement.get(r.id) ?? 0) >= r.condition.min;
    if (hit) reasons.push({ kind: r.kind, label: r.label, points: r.points });
  }
  const total = reasons.reduce((s, r) => s + r.points, 0);
  return { score: Math.max(0, Math.min(100, total)), reasons };
}
