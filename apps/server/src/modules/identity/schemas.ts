import { z } from 'zod';
import { ROLES } from '../../platform/access.js';

export const email = z.email({ message: 'must be an e-mail address' }).max(254);
/** Length and commonness are checked by the password policy, with a message naming the field. */
export const password = z.string().min(1, 'is required').max(1024);
export const role = z.enum(ROLES);
export const uuid = z.uuid({ message: 'must be a UUID' });
export const idParams = z.object({ id: uuid });
export const ok = z.object({ ok: z.literal(true) });

export const tenantSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  slug: z.string(),
  name: z.string(),
  kind: z.enum(['platform', 'agency', 'business']),
  status: z.enum(['active', 'suspended']),
  createdAt: z.string(),
});

export const membershipSchema = z.object({
  tenantId: z.string(),
  tenantName: z.string(),
  tenantSlug: z.string(),
  tenantKind: z.string(),
  parentId: z.string().nullable(),
  role,
  source: z.enum(['direct', 'agency']),
});

export const meSchema = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    emailVerified: z.boolean(),
    isOperator: z.boolean(),
    settings: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
  }),
  memberships: z.array(membershipSchema),
  activeTenant: membershipSchema.nullable(),
  role: role.nullable(),
  /** What the active role may do in this tenant (`<module>:<read|write|admin>`). */
  permissions: z.array(z.string()),
  sessionId: z.string(),
});

export const signedIn = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  tenantId: z.string().nullable(),
  role: role.nullable(),
  expiresIn: z.number(),
  csrfToken: z.string(),
});

export const tokenResponse = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
});

export const oauthError = z.object({
  error: z.enum([
    'invalid_request',
    'invalid_client',
    'invalid_grant',
    'unauthorized_client',
    'unsupported_grant_type',
    'invalid_scope',
  ]),
  error_description: z.string(),
});
