import { Button, Divider, Skeleton, Stack } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/** "Sign in with <provider>" for each single sign-on provider the platform offers (none: nothing). */
export function SsoButtons({ returnTo }: { returnTo: string }) {
  const providers = useQuery({
    queryKey: ['auth', 'oidc-providers'],
    queryFn: () => unwrap(api.GET('/api/brain/auth/oidc/providers')),
    staleTime: 5 * 60_000,
  });
  if (providers.isPending) return <Skeleton height={36} aria-label="Loading sign-in providers" />;
  const items = providers.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Stack gap="xs">
      <Divider label="or" labelPosition="center" />
      {items.map((p) => (
        <Button
          key={p.id}
          component="a"
          href={`/api/brain/auth/oidc/${encodeURIComponent(p.id)}/start?returnTo=${encodeURIComponent(returnTo)}`}
          variant="default"
          leftSection={<IconKey size={16} aria-hidden />}
          fullWidth
        >
          Sign in with {p.name}
        </Button>
      ))}
    </Stack>
  );
}
