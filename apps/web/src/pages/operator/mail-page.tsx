import {
  Badge,
  Button,
  Card,
  Code,
  Drawer,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconMail, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { EmptyState } from '../../components/empty-state';
import { formatDateTime, formatRelative } from '../../components/format';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeleton } from '../../components/table-skeleton';
import type { Mail } from './operator-api';

/** Mail the platform sent (or keeps, without SMTP): to, subject, when, transport; the text in a drawer. */
export function OperatorMailPage() {
  const [to, setTo] = useState('');
  const [toFilter] = useDebouncedValue(to.trim(), 300);
  const [limit, setLimit] = useState(50);
  const [open, setOpen] = useState<Mail>();
  const mail = useQuery({
    queryKey: ['operator', 'mail', toFilter, limit],
    queryFn: () =>
      unwrap(
        api.GET('/api/brain/platform/mail', {
          params: { query: { limit, ...(toFilter ? { to: toFilter } : {}) } },
        }),
      ),
  });
  const items = mail.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Mail"
        description="What the platform sent by SMTP, or keeps in the outbox when no SMTP server is configured."
      />
      <TextInput
        label="Recipient"
        placeholder="someone@example.com"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={to}
        onChange={(e) => setTo(e.currentTarget.value)}
        maw={420}
        mb="md"
      />
      <Card withBorder padding="lg">
        {mail.isPending ? (
          <TableSkeleton rows={5} />
        ) : mail.isError ? (
          <QueryError error={mail.error} onRetry={() => mail.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState
            icon={<IconMail size={28} aria-hidden />}
            title={toFilter ? `No mail to ${toFilter}` : 'No mail yet'}
            description={
              toFilter
                ? 'The recipient must match the whole address.'
                : 'Verification, invitation and password reset e-mails appear here once they are sent.'
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" highlightOnHover aria-label="Mail">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>To</Table.Th>
                  <Table.Th>Subject</Table.Th>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Transport</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <Text size="sm">{m.to}</Text>
                    </Table.Td>
                    <Table.Td>
                      <UnstyledButton
                        onClick={() => setOpen(m)}
                        aria-label={`Read "${m.subject}" to ${m.to}`}
                      >
                        <Text size="sm" c="blue" td="underline">
                          {m.subject}
                        </Text>
                      </UnstyledButton>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" title={formatDateTime(m.createdAt)}>
                        {formatRelative(m.createdAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={m.transport === 'smtp' ? 'teal' : 'gray'}>
                        {m.transport}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {items.length === limit && limit < 200 && (
              <Button variant="light" mt="md" onClick={() => setLimit(200)}>
                Show up to 200
              </Button>
            )}
          </Table.ScrollContainer>
        )}
      </Card>
      <Drawer
        opened={Boolean(open)}
        onClose={() => setOpen(undefined)}
        position="right"
        size="lg"
        title={open?.subject}
      >
        {open && (
          <Stack gap="sm">
            <Text size="sm">
              <Text span c="dimmed">
                To:{' '}
              </Text>
              {open.to}
            </Text>
            <Text size="sm">
              <Text span c="dimmed">
                When:{' '}
              </Text>
              {formatDateTime(open.createdAt)} ({open.transport})
            </Text>
            <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {open.text}
            </Code>
          </Stack>
        )}
      </Drawer>
    </>
  );
}
