import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { ConfirmButton } from '../../components/confirm-button';
import { FormError } from '../../components/form-error';
import { type Client, membersQuery, ROLE_LABELS } from './identity-api';

type StaffRole = 'admin' | 'member' | 'viewer';

/**
 * Gives one of the agency's staff access to a client with a role, or withdraws it. (The hub has no
 * list of who reaches a client from the agency side; the client's own Members page shows them.)
 */
export function ClientAccessDialog({ client, onClose }: { client?: Client; onClose: () => void }) {
  const members = useQuery({ ...membersQuery, enabled: Boolean(client) });
  const [userId, setUserId] = useState<string | null>(null);
  const [role, setRole] = useState<StaffRole>('member');
  const [error, setError] = useState<string>();
  const staff = (members.data?.items ?? []).filter((m) => m.source === 'direct');
  const person = staff.find((m) => m.userId === userId);

  const close = () => {
    setError(undefined);
    setUserId(null);
    onClose();
  };

  const grant = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/brain/identity/clients/{clientId}/staff/{userId}', {
          params: { path: { clientId: client!.id, userId: userId! } },
          body: { role },
        }),
      ),
    onMutate: () => setError(undefined),
    onSuccess: () => {
      notifications.show({
        message: `${person?.name} can now work in ${client?.name} as ${ROLE_LABELS[role]}`,
        color: 'teal',
      });
      close();
    },
    onError: (err) => setError(errorMessage(err)),
  });

  const withdraw = async () => {
    await unwrap(
      api.DELETE('/api/brain/identity/clients/{clientId}/staff/{userId}', {
        params: { path: { clientId: client!.id, userId: userId! } },
      }),
    );
    notifications.show({ message: `${person?.name} no longer reaches ${client?.name}`, color: 'teal' });
    close();
  };

  return (
    <Modal opened={Boolean(client)} onClose={close} title={`Staff access to ${client?.name ?? ''}`} centered>
      <Stack>
        <Text size="sm" c="dimmed">
          Choose a member of your agency and the role they get in this client. Giving access again changes the
          role.
        </Text>
        <FormError message={error} title="Access was not changed" />
        <Select
          label="Staff member"
          placeholder={members.isPending ? 'Loading…' : 'Choose a person'}
          searchable
          data={staff.map((m) => ({ value: m.userId, label: `${m.name} (${m.email})` }))}
          value={userId}
          onChange={setUserId}
          nothingFoundMessage="No member by that name"
          data-autofocus
        />
        <Select
          label="Role in the client"
          allowDeselect={false}
          data={(['admin', 'member', 'viewer'] as const).map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          value={role}
          onChange={(v) => v && setRole(v as StaffRole)}
        />
        <Group justify="space-between">
          <ConfirmButton
            disabled={!userId}
            title={`Withdraw ${person?.name ?? 'this person'}'s access?`}
            message={`${person?.name ?? 'They'} can no longer open ${client?.name}. Their agency membership stays.`}
            confirmLabel="Withdraw"
            onConfirm={withdraw}
          >
            Withdraw access
          </ConfirmButton>
          <Button disabled={!userId} loading={grant.isPending} onClick={() => grant.mutate()}>
            Give access
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
