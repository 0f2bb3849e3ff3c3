/**
 * Who may do what: roles per tenant map to permissions per module. Every route declares either
 * `config.permission`, `config.public` or `config.operator`; a route with none is refused
 * (fail closed) and a test walks the OpenAPI document to keep it that way.
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
/** `<module>:<level>`, or `self` for what any signed-in user may do to their own account. */
export type Permission = `${ModuleName}:${Level}` | 'self';

const rank: Record<Level, number> = { read: 1, write: 2, admin: 3 };
const roleLevel: Record<Role, Partial<Record<ModuleName, Level>> & { default: Level }> = {
  owner: { default: 'admin' },
  admin: { default: 'admin' },
  member: { default: 'write', identity: 'read', platform: 'read' },
  viewer: { default: 'read' },
};

export function roleAllows(role: Role, permission: Permission): boolean {
  if (permission === 'self') return true;
  const [mod, level] = permission.split(':') as [ModuleName, Level];
  const granted = roleLevel[role][mod] ?? roleLevel[role].default;
  return rank[granted] >= rank[level];
}

/** Every permission a role grants, e.g. for the console to show only what the hub will allow. */
export function permissionsOf(role: Role | null): Permission[] {
  if (!role) return [];
  const levels: Level[] = ['read', 'write', 'admin'];
  return MODULE_NAMES.flatMap((m) => levels.map((l) => `${m}:${l}` as Permission)).filter((p) =>
    roleAllows(role, p),
  );
}

/** API key scopes are `<module>:read` or `<module>:write`; write includes read. */
export function scopesAllow(scopes: readonly string[], permission: Permission): boolean {
  if (permission === 'self') return false;
  const [mod, level] = permission.split(':') as [ModuleName, Level];
  if (level === 'admin') return false;
  return scopes.includes(`${mod}:write`) || (level === 'read' && scopes.includes(`${mod}:read`));
}

export const API_KEY_SCOPES = MODULE_NAMES.filter((m) => m !== 'platform').flatMap((m) => [
  `${m}:read`,
  `${m}:write`,
]);

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission;
    /** No authentication needed. `authOptional` still reads credentials when sent. */
    public?: boolean;
    authOptional?: boolean;
    /** Platform operators only. */
    operator?: boolean;
    /** Tenant routes need an active tenant; `self` routes do not. */
    tenantless?: boolean;
  }
}
