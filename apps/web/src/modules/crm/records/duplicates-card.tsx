import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { ConfirmButton } from '../../../components/confirm-button';
import { type Contact, crmKeys, personName } from './crm-api';
import { fetchPage } from './list-api';
import { RecordLink } from './record-link';

const REASON = { email: 'same e-mail', phone: 'same phone', companyDomain: 'same company domain' } as const;

/** Contacts that look like this one (same e-mail, phone or company domain), with a merge. */
export function DuplicatesCard({ contact }: { contact: Contact }) {
  const queryClient = useQueryClient();
  const canWrite = useCan('crm:write');
  const groups = useQuery({
    queryKey: ['crm', 'contacts', 'duplicates'],
    queryFn: () =>
      unwrap(api.GET('/api/brain/crm/contacts/duplicates', { params: { query: { limit: 500 } } })),
  });
  const mine = (groups.data?.items ?? []).filter(
    (g) => g.reason !== 'companyDomain' && g.contactIds.includes(contact.id),
  );
  const otherIds = [...new Set(mine.flatMap((g) => g.contactIds))].filter((x) => x !== contact.id);
  const others = useQuery({
    queryKey: ['crm', 'contacts', 'by-ids', otherIds],
    queryFn: () => fetchPage('contact', { filter: { id: { in: otherIds } } }, undefined, 50),
    enabled: otherIds.length > 0,
  });
  if (!otherIds.length) return null;
  const people = (others.data?.items ?? []) as Contact[];

  const merge = async (ids: string[]) => {
    await unwrap(
      api.POST('/api/brain/crm/contacts/{id}/merge', {
        params: { path: { id: contact.id } },
        body: { otherIds: ids },
      }),
    );
    notifications.show({
      message: `${ids.length} duplicate${ids.length > 1 ? 's' : ''} merged`,
      color: 'teal',
    });
    await queryClient.invalidateQueries({ queryKey: ['crm', 'contacts'] });
    await queryClient.invalidateQueries({ queryKey: crmKeys.timeline('contact', contact.id) });
  };

  return (
    <Card withBorder padding="lg" bg="var(--mantine-color-yellow-light)">
      <Stack gap="xs">
        <Title order={2} size="h5">
          Possible duplicates
        </Title>
        {people.map((p) => {
          const why = mine
            .filter((g) => g.contactIds.includes(p.id))
            .map((g) => `${REASON[g.reason]} (${g.value})`);
          return (
            <Group key={p.id} justify="space-between" wrap="nowrap">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <RecordLink entity="contact" id={p.id} size="sm" fw={500}>
                  {personName(p, p.emails[0] ?? 'Unnamed')}
                </RecordLink>
                <Text size="xs" c="dimmed">
                  {why.join(', ')}
                </Text>
              </Stack>
              {canWrite && (
                <ConfirmButton
                  size="xs"
                  color="blue"
                  title={`Merge ${personName(p, 'this contact')} into ${personName(contact, 'this one')}?`}
                  message="Its e-mails, phones and tags are added here; its activities, leads and deals move over; then it is deleted."
                  confirmLabel="Merge"
                  onConfirm={() => merge([p.id])}
                  aria-label={`Merge ${personName(p, 'contact')} into this contact`}
                >
                  Merge
                </ConfirmButton>
              )}
            </Group>
          );
        })}
      </Stack>
    </Card>
  );
}
