/**
 * Permission names as the hub spells them (`<module>:<read|write|admin>`). Which role grants what
 * is decided by the hub alone (apps/server/src/platform/access.ts) and sent in GET /auth/me as
 * `permissions`; the console only hides what the hub would refuse, and the hub still checks.
 */
export const MODULE_NAMES = [
  'identity',
  'platform',
  'crm',
  'cms',
  'commerce',
  'directory',
  'analytics',
  'agents',
] as const;
export type ModuleName = (typeof MODULE_NAMES)[number];
export type Level = 'read' | 'write' | 'admin';
export type Permission = `${ModuleName}:${Level}` | 'self';
