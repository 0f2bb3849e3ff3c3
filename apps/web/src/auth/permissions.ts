/**
 * Who may do what, as the hub decides it (apps/server/src/platform/access.ts): roles per tenant map
 * to a level per module. The console only hides what the hub would refuse; the hub still checks.
 */
export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

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

const rank: Record<Level, number> = { read: 1, write: 2, admin: 3 };
const roleLevel: Record<Role, Partial<Record<ModuleName, Level>> & { default: Level }> = {
  owner: { default: 'admin' },
  admin: { default: 'admin' },
  member: { default: 'write', identity: 'read', platform: 'read' },
  viewer: { default: 'read' },
};

function isRole(role: string | null | undefined): role is Role {
  return (ROLES as readonly string[]).includes(role ?? '');
}

/** Whether a role may use a permission; no role (no active tenant) allows only `self`. */
export function roleAllows(role: string | null | undefined, permission: Permission): boolean {
  if (permission === 'self') return true;
  if (!isRole(role)) return false;
  const [mod, level] = permission.split(':') as [ModuleName, Level];
  const granted = roleLevel[role][mod] ?? roleLevel[role].default;
  return rank[granted] >= rank[level];
}
