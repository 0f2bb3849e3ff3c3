import { ActionIcon, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { fieldErrorsOf } from '../../api/form-errors';
import { addDomain, removeDomain, type Site } from './api';
import { notify } from './notify';

/** Custom domains the site answers on (by Host header); plus its address under /sites/<tenant>/. */
export function DomainsCard({ site, canWrite }: { site: Site; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const [host, setHost] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['cms', 'site', site.id] });
  const add = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await addDomain(site.id, host.trim().toLowerCase());
      setHost('');
      await refresh();
      notify({ message: `${host} was added`, color: 'teal' });
    } catch (err) {
      setError(fieldErrorsOf(err).host ?? errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (id: string, name: string) => {
    try {
      await removeDomain(site.id, id);
      await refresh();
      notify({ message: `${name} was removed`, color: 'teal' });
    } catch (err) {
      notify({ title: 'Not removed', message: errorMessage(err), color: 'red' });
    }
  };
  const domains = site.domains ?? [];
  return (
    <Card withBorder padding="lg">
      <Stack>
        <Title order={2} size="h4">
          Domains
        </Title>
        <Text size="sm" c="dimmed">
          Point a domain's DNS at this server, then add it here. The site answers on each domain by its Host
          header.
        </Text>
        {domains.length > 0 && (
          <Table aria-label="Domains">
            <Table.Tbody>
              {domains.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td ff="monospace">{d.host}</Table.Td>
                  <Table.Td w={60}>
                    {canWrite && (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Remove ${d.host}`}
                        onClick={() => remove(d.id, d.host)}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canWrite && (
          <Group align="flex-start" gap="xs">
            <TextInput
              aria-label="New domain"
              placeholder="www.example.com"
              value={host}
              error={error}
              onChange={(e) => setHost(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button onClick={add} loading={busy} disabled={!host.trim()}>
              Add domain
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
