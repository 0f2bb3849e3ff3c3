import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { formatDate } from '../../../components/format';
import { formatMoney } from './crm-api';
import { RecordLink } from './record-link';

export const STATUS_COLOR = { open: 'blue', won: 'teal', lost: 'red' } as const;

/** The deals of a contact or a company. */
export function RelatedDeals({ filter }: { filter: { contactId?: string; companyId?: string } }) {
  const deals = useQuery({
    queryKey: ['crm', 'deals', 'list', 'related', filter],
    queryFn: () => unwrap(api.GET('/api/brain/crm/deals', { params: { query: { ...filter, limit: 20 } } })),
  });
  const items = deals.data?.items ?? [];
  return (
    <Card withBorder padding="lg">
      <Stack gap="xs">
        <Title order={2} size="h5">
          Deals ({items.length}
          {deals.data?.nextCursor ? '+' : ''})
        </Title>
        {items.length === 0 && (
          <Text size="sm" c="dimmed">
            No deals yet.
          </Text>
        )}
        {items.map((d) => (
          <Group key={d.id} justify="space-between" wrap="nowrap">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <RecordLink entity="deal" id={d.id} size="sm" fw={500} lineClamp={1}>
                {d.name}
              </RecordLink>
              <Text size="xs" c="dimmed">
                {formatMoney(d.amount, d.currency)}
                {d.expectedCloseDate ? ` · closes ${formatDate(d.expectedCloseDate)}` : ''}
              </Text>
            </Stack>
            <Badge size="sm" variant="light" color={STATUS_COLOR[d.status]}>
              {d.status}
            </Badge>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
