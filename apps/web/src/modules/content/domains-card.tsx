import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { fieldErrorsOf } from '../../api/form-errors';
import { addDomain, type Domain, removeDomain, type Site, verifyDomain } from './api';
import { notify } from './notify';

/** One part of the TXT record (name or value) with a copy button. */
function RecordField({ label, value, host }: { label: string; value: string; host: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Text size="sm" w={48} c="dimmed">
        {label}
      </Text>
      <Code style={{ flex: 1, wordBreak: 'break-all' }} aria-label={`${label} of the TXT record for ${host}`}>
        {value}
      </Code>
      <CopyButton value={value} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : `Copy the ${label.toLowerCase()}`} withArrow>
            <ActionIcon
              variant="subtle"
              color={copied ? 'teal' : 'gray'}
              onClick={copy}
              aria-label={`Copy the ${label.toLowerCase()} for ${host}`}
            >
              {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

/** A pending domain: the record to create, the last check's outcome, and Verify now. */
function PendingRecord({
  d,
  canWrite,
  onVerify,
}: {
  d: Domain;
  canWrite: boolean;
  onVerify: () => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    try {
      await onVerify();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={6}>
      <Text size="sm">
        Add this <strong>{d.verification.type}</strong> record at your DNS provider to prove the domain is
        yours:
      </Text>
      <RecordField label="Name" value={d.verification.name} host={d.host} />
      <RecordField label="Value" value={d.verification.value} host={d.host} />
      {d.lastError && (
        <Text size="sm" c="red" style={{ wordBreak: 'break-word' }}>
          Last check{d.lastCheckedAt ? ` (${new Date(d.lastCheckedAt).toLocaleString()})` : ''}: {d.lastError}
        </Text>
      )}
      {canWrite && (
        <Group>
          <Button
            size="xs"
            variant="light"
            loading={busy}
            onClick={verify}
            aria-label={`Verify ${d.host} now`}
          >
            Verify now
          </Button>
          <Text size="xs" c="dimmed">
            Pending domains are also checked every 10 minutes for 7 days.
          </Text>
        </Group>
      )}
    </Stack>
  );
}

/** Custom domains the site answers on (by Host header) once verified by DNS; plus its address under /sites/<tenant>/. */
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
      const added = await addDomain(site.id, host.trim().toLowerCase());
      setHost('');
      await refresh();
      if (added.heldElsewhere)
        notify({
          title: `${host} is in use by another account`,
          message:
            'Publish the TXT record below and verify: proving control by DNS moves the domain to this site.',
          color: 'yellow',
          autoClose: 15_000,
        });
      else notify({ message: `${host} was added`, color: 'teal' });
    } catch (err) {
      setError(fieldErrorsOf(err).host ?? errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const verify = async (d: Domain) => {
    try {
      await verifyDomain(site.id, d.id);
      notify({ message: `${d.host} is verified: the site answers on it`, color: 'teal' });
    } catch (err) {
      notify({ title: `${d.host} is not verified yet`, message: errorMessage(err), color: 'red' });
    }
    await refresh();
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
          Add a domain, create the TXT record shown to prove it is yours, and point its DNS at this server.
          The site answers on each verified domain by its Host header.
        </Text>
        {domains.length > 0 && (
          <Table aria-label="Domains">
            <Table.Tbody>
              {domains.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Stack gap="xs">
                      <Group gap="xs">
                        <Text ff="monospace" size="sm">
                          {d.host}
                        </Text>
                        {d.status === 'verified' ? (
                          <Badge color="teal" variant="light">
                            Verified
                          </Badge>
                        ) : (
                          <Badge color="yellow" variant="light">
                            Pending
                          </Badge>
                        )}
                      </Group>
                      {d.status === 'pending' && (
                        <PendingRecord d={d} canWrite={canWrite} onVerify={() => verify(d)} />
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td w={60} style={{ verticalAlign: 'top' }}>
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
