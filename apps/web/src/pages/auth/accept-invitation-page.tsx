import { Alert, Anchor, Badge, Card, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconLinkOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiError, errorMessage } from '../../api/errors';
import { meQuery } from '../../auth/session';
import { AcceptInvitationForm } from './accept-invitation-form';
import { AuthHeading } from './auth-heading';
import { useTokenParam } from './token-param';

const ROLE_NOTES: Record<string, string> = {
  owner: 'Full control, including billing and deleting the tenant.',
  admin: 'Manage members, API keys and settings, and all the work.',
  member: 'Work in every module; no member or key management.',
  viewer: 'Read everything; change nothing.',
};

/** The link in an invitation mail: who invited whom to what, then join (new or existing account). */
export function AcceptInvitationPage() {
  const token = useTokenParam();
  const [gone, setGone] = useState(false);
  const lookup = useQuery({
    queryKey: ['auth', 'invitation', token],
    queryFn: () =>
      unwrap(api.GET('/api/brain/auth/invitations/lookup', { params: { query: { token: token ?? '' } } })),
    enabled: Boolean(token),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  // Signed in already? Then an invitation to this address needs no password.
  const me = useQuery({ ...meQuery, retry: false });

  if (!token || gone || lookup.isError) {
    const invalid = !token || gone || (lookup.error instanceof ApiError && lookup.error.status === 400);
    return (
      <Stack gap="md">
        <AuthHeading title="This invitation does not work" />
        <Alert color="yellow" variant="light" icon={<IconLinkOff aria-hidden />} role="alert">
          {invalid
            ? 'The invitation is invalid, expired (it works for 7 days), was withdrawn or was already used. Ask the person who invited you to send a new one.'
            : errorMessage(lookup.error)}
        </Alert>
        <Anchor component={Link} to="/signin" size="sm">
          Go to sign in
        </Anchor>
      </Stack>
    );
  }

  if (lookup.isPending || me.isPending) {
    return (
      <Stack gap="md" aria-busy="true" aria-label="Loading the invitation">
        <Skeleton height={24} width="70%" />
        <Skeleton height={72} />
        <Skeleton height={36} />
        <Skeleton height={36} />
      </Stack>
    );
  }

  const inv = lookup.data;
  return (
    <Stack gap="md">
      <AuthHeading title={`Join ${inv.tenantName}`}>
        You have been invited to work in this tenant.
      </AuthHeading>
      <Card withBorder padding="sm" radius="md">
        <Stack gap={6}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              Invited address
            </Text>
            <Text size="sm" fw={600} truncate title={inv.email} style={{ minWidth: 0 }}>
              {inv.email}
            </Text>
          </Group>
          <Group justify="space-between" gap="xs">
            <Text size="sm" c="dimmed">
              Role
            </Text>
            <Badge variant="light">{inv.role}</Badge>
          </Group>
          {ROLE_NOTES[inv.role] && (
            <Text size="xs" c="dimmed">
              {ROLE_NOTES[inv.role]}
            </Text>
          )}
        </Stack>
      </Card>
      <AcceptInvitationForm
        token={token}
        invitation={inv}
        signedInAs={me.data?.user}
        onInvalid={() => setGone(true)}
      />
    </Stack>
  );
}
