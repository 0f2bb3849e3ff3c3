import { Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconMailPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { applyApiErrors } from '../../api/form-errors';
import { useMe } from '../../auth/session';
import { ConfirmButton } from '../../components/confirm-button';
import { FormError } from '../../components/form-error';
import { formatDate } from '../../components/format';
import { QueryError } from '../../components/query-error';
import { TableSkeleton } from '../../components/table-skeleton';
import { invitationsQuery, ROLE_HINTS, ROLE_LABELS, type Role } from './identity-api';

/** Invite by e-mail with a role; the pending invitations, each revocable. */
export function InvitationsCard() {
  const me = useMe();
  const queryClient = useQueryClient();
  const invitations = useQuery(invitationsQuery);
  const [formError, setFormError] = useState<string>();
  const isOwner = me.role === 'owner' || me.user.isOperator;

  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '', role: 'member' as Role },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter an e-mail address'),
    },
  });

  const invite = useMutation({
    mutationFn: (body: { email: string; role: Role }) =>
      unwrap(api.POST('/api/brain/identity/invitations', { body })),
    onSuccess: (inv) => {
      notifications.show({ message: `Invitation sent to ${inv.email}`, color: 'teal' });
      form.reset();
      return queryClient.invalidateQueries({ queryKey: invitationsQuery.queryKey });
    },
    onError: (err) => setFormError(applyApiErrors(form, err)),
  });

  const revoke = async (id: string, email: string) => {
    await unwrap(api.DELETE('/api/brain/identity/invitations/{id}', { params: { path: { id } } }));
    notifications.show({ message: `The invitation for ${email} was revoked`, color: 'teal' });
    await queryClient.invalidateQueries({ queryKey: invitationsQuery.queryKey });
  };

  const pending = invitations.data?.items.filter((i) => i.status === 'pending') ?? [];

  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <Title order={2} size="h4">
          Invitations
        </Title>
        <FormError message={formError} title="The invitation was not sent" />
        <form
          noValidate
          onSubmit={form.onSubmit((v) => {
            setFormError(undefined);
            invite.mutate({ email: v.email.trim(), role: v.role });
          })}
        >
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label="E-mail address"
              type="email"
              placeholder="sam@example.com"
              required
              style={{ flex: '1 1 16rem' }}
              key={form.key('email')}
              {...form.getInputProps('email')}
            />
            <Select
              label="Role"
              allowDeselect={false}
              w={{ base: '100%', xs: 200 }}
              data={(Object.keys(ROLE_LABELS) as Role[]).map((r) => ({
                value: r,
                label: ROLE_LABELS[r],
                disabled: r === 'owner' && !isOwner,
              }))}
              renderOption={({ option }) => (
                <Stack gap={0}>
                  <Text size="sm">{option.label}</Text>
                  <Text size="xs" c="dimmed">
                    {ROLE_HINTS[option.value as Role]}
                  </Text>
                </Stack>
              )}
              key={form.key('role')}
              {...form.getInputProps('role')}
            />
            <Button
              type="submit"
              mt={{ base: 0, xs: 25 }}
              loading={invite.isPending}
              leftSection={<IconMailPlus size={16} aria-hidden />}
            >
              Send invitation
            </Button>
          </Group>
        </form>

        {invitations.isPending ? (
          <TableSkeleton rows={2} />
        ) : invitations.isError ? (
          <QueryError error={invitations.error} onRetry={() => invitations.refetch()} />
        ) : pending.length === 0 ? (
          <Text size="sm" c="dimmed">
            No invitations are waiting. Invite someone above; they get a link by e-mail that is valid for a
            few days.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="xs" aria-label="Pending invitations">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>E-mail</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  <Table.Th w={110}>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pending.map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Td>
                      <Text size="sm">{i.email}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light">{ROLE_LABELS[i.role]}</Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDate(i.expiresAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <ConfirmButton
                        size="xs"
                        title={`Revoke the invitation for ${i.email}?`}
                        message="The link in the e-mail stops working. You can invite the address again later."
                        confirmLabel="Revoke"
                        onConfirm={() => revoke(i.id, i.email)}
                        aria-label={`Revoke the invitation for ${i.email}`}
                      >
                        Revoke
                      </ConfirmButton>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
