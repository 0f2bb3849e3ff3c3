import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useCan } from '../../auth/session';

/** Names of the tenant's members by user id (for revision authors); falls back to "a member". */
export function useAuthorNames(enabled: boolean): (userId: string) => string {
  const allowed = useCan('identity:read');
  const members = useQuery({
    queryKey: ['identity', 'members'],
    queryFn: () => unwrap(api.GET('/api/brain/identity/members')),
    enabled: enabled && allowed,
    staleTime: 5 * 60_000,
  });
  return (userId) => {
    const m = members.data?.items.find((x) => x.userId === userId);
    return m?.name || m?.email || 'a member';
  };
}
