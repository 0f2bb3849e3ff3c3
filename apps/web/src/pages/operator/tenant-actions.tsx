import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDoorEnter } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ReasonConfirmButton } from '../../components/reason-confirm-button';
import { useOpenTenant } from '../../components/use-open-tenant';
import type { OperatorTenant } from './operator-api';

/** Open as operator (audited in the tenant), suspend or reactivate with a reason. */
export function TenantActions({ tenant: t }: { tenant: OperatorTenant }) {
  const queryClient = useQueryClient();
  const open = useOpenTenant({ asOperator: true });
  const setStatus = async (action: 'suspend' | 'reactivate', reason: string) => {
    const path = { id: t.id };
    const body = reason ? { reason } : {};
    await unwrap(
      action === 'suspend'
        ? api.POST('/api/brain/identity/operator/tenants/{id}/suspend', { params: { path }, body })
        : api.POST('/api/brain/identity/operator/tenants/{id}/reactivate', { params: { path }, body }),
    );
    notifications.show({
      message: `${t.name} was ${action === 'suspend' ? 'suspended' : 'reactivated'}`,
      color: 'teal',
    });
    await queryClient.invalidateQueries({ queryKey: ['operator', 'tenants'] });
  };
  return (
    <Group gap="xs" wrap="nowrap">
      <Button
        size="xs"
        variant="light"
        leftSection={<IconDoorEnter size={14} aria-hidden />}
        loading={open.isPending}
        onClick={() => open.mutate({ id: t.id, name: t.name })}
        title="Work in this tenant as an operator; recorded in its audit log"
        aria-label={`Open ${t.name} as operator`}
      >
        Open as operator
      </Button>
      {t.kind !== 'platform' &&
        (t.status === 'active' ? (
          <ReasonConfirmButton
            size="xs"
            title={`Suspend ${t.name}?`}
            message={`Its ${t.members} ${t.members === 1 ? 'member is' : 'members are'} signed out of it at once, its API keys stop working, and nobody can get back in until it is reactivated.`}
            confirmLabel="Suspend"
            reasonRequired
            onConfirm={(reason) => setStatus('suspend', reason)}
            aria-label={`Suspend ${t.name}`}
          >
            Suspend
          </ReasonConfirmButton>
        ) : (
          <ReasonConfirmButton
            size="xs"
            confirmColor="teal"
            title={`Reactivate ${t.name}?`}
            message="Its members can sign in to it again and its API keys work again."
            confirmLabel="Reactivate"
            onConfirm={(reason) => setStatus('reactivate', reason)}
            aria-label={`Reactivate ${t.name}`}
          >
            Reactivate
          </ReasonConfirmButton>
        ))}
    </Group>
  );
}
