import { queryOptions } from '@tanstack/react-query';
import { api, type paths, unwrap } from '../../api/client';

export const sessionsQueryKey = ['auth', 'sessions'] as const;

export type Session =
  paths['/api/brain/auth/sessions']['get']['responses'][200]['content']['application/json']['items'][number];

/** The signed-in user's active sessions (GET /auth/sessions), the current one marked. */
export const sessionsQuery = queryOptions({
  queryKey: sessionsQueryKey,
  queryFn: () => unwrap(api.GET('/api/brain/auth/sessions')),
});
