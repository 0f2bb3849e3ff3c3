/** Audit actions as people read them; unknown actions fall back to "Member role changed"-style text. */
const LABELS: Record<string, string> = {
  'api_key.created': 'API key created',
  'api_key.revoked': 'API key revoked',
  'client.created': 'Client created',
  'client_access.granted': 'Client access given',
  'client_access.withdrawn': 'Client access withdrawn',
  'invitation.accepted': 'Invitation accepted',
  'invitation.created': 'Invitation sent',
  'invitation.revoked': 'Invitation revoked',
  'member.removed': 'Member removed',
  'member.role_changed': 'Member role changed',
  'operator.opened_tenant': 'Opened by a platform operator',
  'password.changed': 'Password changed',
  'password.reset': 'Password reset',
  'session.refresh_token_reused': 'Stolen session detected (refresh token reused)',
  'signin.failed': 'Sign-in failed',
  'signin.succeeded': 'Signed in',
  'tenant.created': 'Tenant created',
  'tenant.reactivated': 'Tenant reactivated',
  'tenant.suspended': 'Tenant suspended',
  'tenant.switched': 'Switched to this tenant',
  'tenant.updated': 'Tenant settings changed',
  'user.signed_up': 'Signed up',
  'user.sso_linked': 'Single sign-on linked',
};

/** Filter choices: every group ("member" matches member.*) and every known action. */
export const ACTION_GROUPS = [
  { value: 'member', label: 'Members (all)' },
  { value: 'invitation', label: 'Invitations (all)' },
  { value: 'api_key', label: 'API keys (all)' },
  { value: 'signin', label: 'Sign-ins (all)' },
  { value: 'tenant', label: 'Tenant (all)' },
  { value: 'client', label: 'Clients (all)' },
  { value: 'client_access', label: 'Client access (all)' },
  { value: 'password', label: 'Passwords (all)' },
  { value: 'operator', label: 'Operator (all)' },
];

export const ACTION_OPTIONS = [
  { group: 'Groups', items: ACTION_GROUPS },
  { group: 'Actions', items: Object.entries(LABELS).map(([value, label]) => ({ value, label })) },
];

export function actionLabel(action: string): string {
  const known = LABELS[action];
  if (known) return known;
  const text = action.replace(/[._]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A colour per kind of action: red for failures and removals, teal for additions. */
export function actionColor(action: string): string {
  if (/failed|revoked|removed|suspended|withdrawn|reused/.test(action)) return 'red';
  if (/created|accepted|granted|signed_up|reactivated/.test(action)) return 'teal';
  if (action.startsWith('operator.')) return 'orange';
  return 'blue';
}
