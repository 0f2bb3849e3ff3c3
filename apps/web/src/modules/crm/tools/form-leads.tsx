import { Badge, Card, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { formatRelative } from '../../../components/format';
import { QueryError } from '../../../components/query-error';
import { TableSkeleton } from '../../../components/table-skeleton';
import type { CrmForm } from './tools-api';

/** The hub marks leads a form creates with the source `form:<form name>`. */
const sourceOf = (f: CrmForm) => `form:${f.name}`;

/** The latest leads this form created, with their scores. */
export function FormLeads({ form }: { form: CrmForm }) {
  const source = sourceOf(form);
  const query = { source, sort: '-createdAt', limit: 5 };
  const q = useQuery({
    queryKey: ['crm', 'leads', 'by-form', form.id, form.submissions, query],
    queryFn: () => unwrap(api.GET('/api/brain/crm/leads', { params: { query } })),
    enabled: source.length <= 100,
  });
  return (
    <Card withBorder padding="lg" h="100%">
      <Title order={2} size="h4" mb="xs">
        Recent leads from this form
      </Title>
      {source.length > 100 ? (
        <Text size="sm" c="dimmed">
          Shorten the form name to list its leads here.
        </Text>
      ) : q.isPending ? (
        <TableSkeleton rows={2} />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No leads yet. Submissions create a lead (or update the lead with the same e-mail), log the answers
          on it and score it.
        </Text>
      ) : (
        <Table verticalSpacing="xs" aria-label="Recent leads from this form">
          <Table.Tbody>
            {q.data.items.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {[l.firstName, l.lastName].filter(Boolean).join(' ') || l.email || 'Unnamed lead'}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[l.email, l.companyName].filter(Boolean).join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td w={90}>
                  {l.score !== null && (
                    <Badge variant="light" color={l.score >= 50 ? 'teal' : 'gray'}>
                      score {l.score}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td w={110}>
                  <Text size="xs" c="dimmed">
                    {formatRelative(l.createdAt)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
