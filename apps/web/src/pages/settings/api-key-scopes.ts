/** The scopes an API key can carry (as the hub's POST /identity/api-keys accepts them), per module. */
export const SCOPE_MODULES = [
  { id: 'identity', label: 'Identity', hint: 'members, invitations, tenant' },
  { id: 'crm', label: 'CRM', hint: 'contacts, deals' },
  { id: 'cms', label: 'Content', hint: 'pages, posts, media' },
  { id: 'commerce', label: 'Store', hint: 'products, orders' },
  { id: 'directory', label: 'Directory', hint: 'listings' },
  { id: 'analytics', label: 'Analytics', hint: 'events, reports' },
  { id: 'agents', label: 'Agents', hint: 'AI agents and runs' },
] as const;

export type ScopeModule = (typeof SCOPE_MODULES)[number]['id'];
export type Scope = `${ScopeModule}:${'read' | 'write'}`;

/** "crm:write" → "CRM write". */
export function scopeLabel(scope: string): string {
  const [mod, level] = scope.split(':');
  const m = SCOPE_MODULES.find((x) => x.id === mod);
  return `${m?.label ?? mod} ${level ?? ''}`.trim();
}
