import { Stack } from '@mantine/core';
import { can, useMe } from '../../auth/session';
import { PageHeader } from '../../components/page-header';
import { ClientsCard } from './clients-card';
import { InvitationsCard } from './invitations-card';
import { MembersTable } from './members-table';

/** People in this tenant and their roles; invitations; for an agency, its client tenants. */
export function MembersPage() {
  const me = useMe();
  const isAdmin = can(me, 'identity:admin');
  const isAgency = me.activeTenant?.tenantKind === 'agency';
  return (
    <>
      <PageHeader
        title="Members"
        description={
          isAdmin
            ? `People in ${me.activeTenant?.tenantName ?? 'this tenant'}, their roles, and invitations.`
            : 'People in this tenant and their roles. Ask an admin to invite someone or change a role.'
        }
      />
      <Stack gap="lg">
        <MembersTable />
        {isAdmin && <InvitationsCard />}
        {isAgency && <ClientsCard />}
      </Stack>
    </>
  );
}
