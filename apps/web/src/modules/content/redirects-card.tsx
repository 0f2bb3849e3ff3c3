import { ActionIcon, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { fieldErrorsOf } from '../../api/form-errors';
import { QueryError } from '../../components/query-error';
import { TableSkeleton } from '../../components/table-skeleton';
import { createRedirect, deleteRedirect, type Redirect, redirectsQuery } from './api';
import { notify } from './notify';

/** Redirects of the site: from a path to a path or URL, with their status code and hit count. */
export function RedirectsCard({ siteId, canWrite }: { siteId: string; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const redirects = useQuery(redirectsQuery(siteId));
  const [fromPath, setFrom] = useState('');
  const [toUrl, setTo] = useState('');
  const [statusCode, setCode] = useState<Redirect['statusCode']>(301);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: redirectsQuery(siteId).queryKey });
  const add = async () => {
    setBusy(true);
    setErrors({});
    try {
      await createRedirect(siteId, { fromPath: fromPath.trim(), toUrl: toUrl.trim(), statusCode });
      setFrom('');
      setTo('');
      await refresh();
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(Object.keys(fields).length ? fields : { fromPath: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  const remove = async (r: Redirect) => {
    try {
      await deleteRedirect(r.id);
      await refresh();
    } catch (err) {
      notify({ title: 'Not removed', message: errorMessage(err), color: 'red' });
    }
  };
  return (
    <Card withBorder padding="lg">
      <Stack>
        <Title order={2} size="h4">
          Redirects
        </Title>
        <Text size="sm" c="dimmed">
          Moving or renaming a live page adds a 301 from its old address automatically.
        </Text>
        {redirects.isPending ? (
          <TableSkeleton rows={2} />
        ) : redirects.isError ? (
          <QueryError error={redirects.error} onRetry={() => redirects.refetch()} />
        ) : (
          redirects.data.length > 0 && (
            <Table.ScrollContainer minWidth={560}>
              <Table aria-label="Redirects" verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>From</Table.Th>
                    <Table.Th>To</Table.Th>
                    <Table.Th>Code</Table.Th>
                    <Table.Th>Hits</Table.Th>
                    <Table.Th w={50} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {redirects.data.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td ff="monospace">{r.fromPath}</Table.Td>
                      <Table.Td ff="monospace">{r.toUrl}</Table.Td>
                      <Table.Td>{r.statusCode}</Table.Td>
                      <Table.Td>{r.hits ?? 0}</Table.Td>
                      <Table.Td>
                        {canWrite && (
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={`Remove redirect from ${r.fromPath}`}
                            onClick={() => remove(r)}
                          >
                            <IconTrash size={16} aria-hidden />
                          </ActionIcon>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        )}
        {canWrite && (
          <Group align="flex-start" gap="xs">
            <TextInput
              aria-label="From path"
              placeholder="/old-page"
              value={fromPath}
              error={errors.fromPath}
              onChange={(e) => setFrom(e.currentTarget.value)}
            />
            <TextInput
              aria-label="To"
              placeholder="/new-page or https://…"
              value={toUrl}
              error={errors.toUrl}
              onChange={(e) => setTo(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Select
              aria-label="Status code"
              w={90}
              value={String(statusCode)}
              allowDeselect={false}
              data={['301', '302', '307', '308']}
              onChange={(v) => setCode(Number(v ?? 301) as Redirect['statusCode'])}
            />
            <Button onClick={add} loading={busy} disabled={!fromPath.trim() || !toUrl.trim()}>
              Add redirect
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
