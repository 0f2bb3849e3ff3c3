import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDevicesCheck } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api, unwrap } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { resetSession } from '../../auth/session';
import { CardSkeleton } from '../../components/card-skeleton';
import { ConfirmButton } from '../../components/confirm-button';
import { EmptyState } from '../../components/empty-state';
import { SessionCard } from './session-card';
import { type Session, sessionsQuery, sessionsQueryKey } from './sessions-query';

/** Where this account is signed in; end any session (the current one signs you out). */
export function SessionsPanel() {
  const sessions = useQuery(sessionsQuery);
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const revoke = async (s: Session) => {
    await unwrap(api.DELETE('/api/brain/auth/sessions/{id}', { params: { path: { id: s.id } } }));
    if (s.current) {
      await navigate({ to: '/signin' });
      await resetSession(queryClient);
      return;
    }
    await queryClient.invalidateQueries({ queryKey: sessionsQueryKey });
    notifications.show({ message: 'That device is signed out', color: 'teal' });
  };

  if (sessions.isPending) {
    return (
      <Stack gap="sm">
        <CardSkeleton lines={2} />
        <CardSkeleton lines={2} />
      </Stack>
    );
  }
  if (sessions.isError) {
    return (
      <Alert color="red" variant="light" title="Could not load your sessions" role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{errorMessage(sessions.error)}</Text>
          <Button size="xs" variant="light" color="red" onClick={() => sessions.refetch()}>
            Try again
          </Button>
        </Stack>
      </Alert>
    );
  }

  const items = [...sessions.data.items].sort((a, b) => Number(b.current) - Number(a.current));
  const others = items.filter((s) => !s.current);
  const revokeOthers = async () => {
    for (const s of others)
      await unwrap(api.DELETE('/api/brain/auth/sessions/{id}', { params: { path: { id: s.id } } }));
    await queryClient.invalidateQueries({ queryKey: sessionsQueryKey });
    notifications.show({ message: 'Every other device is signed out', color: 'teal' });
  };

  return (
    <Stack gap="md" component="section" aria-labelledby="sessions-heading">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4} style={{ flex: '1 1 16rem' }}>
          <Title order={2} size="h4" id="sessions-heading">
            Active sessions
          </Title>
          <Text size="sm" c="dimmed">
            Everywhere you are signed in. Sign out any device you do not recognise, then change your password.
          </Text>
        </Stack>
        {others.length > 0 && (
          <ConfirmButton
            size="sm"
            title="Sign out every other device?"
            message={`${others.length} other ${others.length === 1 ? 'session ends' : 'sessions end'} now; this device stays signed in.`}
            confirmLabel="Sign them out"
            onConfirm={revokeOthers}
          >
            Sign out other devices
          </ConfirmButton>
        )}
      </Group>
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((s) => (
          <SessionCard key={s.id} session={s} onRevoke={() => revoke(s)} />
        ))}
      </Stack>
      {others.length === 0 && (
        <Card withBorder padding="xs" radius="md">
          <EmptyState
            icon={<IconDevicesCheck size={28} aria-hidden />}
            title="No other devices"
            description="Only this browser is signed in. When you sign in on another device or browser, it shows up here and you can sign it out."
          />
        </Card>
      )}
    </Stack>
  );
}
