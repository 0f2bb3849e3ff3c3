import type { Permission } from './permissions';
import { can, type Me } from './session';

/** Thrown by a route's beforeLoad when the active role lacks its permission; the error view explains. */
export class ForbiddenError extends Error {
  constructor(readonly what: string) {
    super(`Your role does not give access to ${what}`);
    this.name = 'ForbiddenError';
  }
}

/** For a route's beforeLoad: `beforeLoad: ({ context }) => requirePermission(context.me, 'crm:read', 'the CRM')`. */
export function requirePermission(me: Me, permission: Permission | 'operator', what: string) {
  if (!can(me, permission)) throw new ForbiddenError(what);
}
