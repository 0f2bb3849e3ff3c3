import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useRouter } from '@tanstack/react-router';
import { api, unwrap } from '../api/client';
import { errorMessage } from '../api/errors';

/**
 * Makes another tenant the active one (POST /auth/switch-tenant) and opens its dashboard: agency
 * staff opening a client, operators opening any tenant (the hub audits that in the tenant).
 */
export function useOpenTenant(opts: { asOperator?: boolean } = {}) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (t: { id: string; name: string }) =>
      unwrap(api.POST('/api/brain/auth/switch-tenant', { body: { tenantId: t.id } })),
    onSuccess: async (_data, t) => {
      await navigate({ to: '/' });
      await queryClient.invalidateQueries();
      await router.invalidate();
      notifications.show({
        title: `You are now working in ${t.name}`,
        message: opts.asOperator
          ? 'You opened it as a platform operator; this is recorded in its audit log.'
          : 'Everything you do here happens in this tenant.',
        color: 'teal',
      });
    },
    onError: (err) =>
      notifications.show({ title: 'Could not open the tenant', message: errorMessage(err), color: 'red' }),
  });
}
