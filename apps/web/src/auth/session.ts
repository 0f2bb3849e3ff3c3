import { type QueryClient, queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';
import type { Permission } from './permissions';

export type Me = paths['/api/brain/auth/me']['get']['responses'][200]['content']['application/json'];
export type Membership = Me['memberships'][number];

/** The signed-in user, their memberships and the active tenant (GET /api/brain/auth/me). */
export const meQuery = queryOptions({
  queryKey: ['auth', 'me'] as const,
  queryFn: () => unwrap(api.GET('/api/brain/auth/me')),
  staleTime: 60_000,
});

/** The session inside the signed-in area (the layout's beforeLoad has loaded it). */
export function useMe(): Me {
  return useSuspenseQuery(meQuery).data;
}

/** What the active role may do; platform operators pass `operator`. */
export function can(me: Me, permission: Permission | 'operator'): boolean {
  if (permission === 'operator') return me.user.isOperator;
  return permission === 'self' || me.permissions.includes(permission);
}

export function useCan(permission: Permission | 'operator'): boolean {
  return can(useMe(), permission);
}

/** After sign-in, sign-out or a tenant switch nothing cached belongs to the new session. */
export async function resetSession(queryClient: QueryClient) {
  await queryClient.cancelQueries();
  queryClient.removeQueries();
}
