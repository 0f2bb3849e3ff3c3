import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { CardSkeleton } from '../../components/card-skeleton';

const statusColor: Record<string, string> = {
  up: 'teal',
  ok: 'teal',
  disabled: 'gray',
  down: 'red',
  fail: 'red',
};

/** GET /ready (answers 503 with the same body when something is down) and GET /api/brain/status, as cards. */
export function SystemStatus() {
  const ready = useQuery({
    queryKey: ['platform', 'ready'],
    queryFn: async () => {
      const { data, error, response } = await api.GET('/ready');
      if (data) return data;
      if (response.status === 503 && error) return error;
      throw new Error(`Readiness check answered ${response.status}`);
    },
    refetchInterval: 30_000,
  });
  const status = useQuery({
    queryKey: ['platform', 'status'],
    queryFn: () => unwrap(api.GET('/api/brain/status')),
    refetchInterval: 60_000,
  });

  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        System status
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {ready.isPending ? (
          <CardSkeleton />
        ) : (
          <Card withBorder padding="lg">
            <Group justify="space-between" mb="xs">
              <Text fw={600}>Readiness</Text>
              <Badge color={ready.data ? statusColor[ready.data.status] : 'red'} variant="light">
                {ready.data?.status ?? 'unknown'}
              </Badge>
            </Group>
            {ready.isError && (
              <Text size="sm" c="red">
                {errorMessage(ready.error)}
              </Text>
            )}
            <Stack gap={4}>
              {Object.entries(ready.data?.checks ?? {}).map(([name, check]) => (
                <Group key={name} justify="space-between" gap="xs">
                  <Text size="sm" tt="capitalize">
                    {name}
                  </Text>
                  <Group gap={6}>
                    {check.latencyMs !== undefined && (
                      <Text size="xs" c="dimmed">
                        {check.latencyMs} ms
                      </Text>
                    )}
                    <Badge size="sm" color={statusColor[check.status]} variant="dot" title={check.detail}>
                      {check.status}
                    </Badge>
                  </Group>
                </Group>
              ))}
            </Stack>
          </Card>
        )}
        {status.isPending ? (
          <CardSkeleton lines={4} />
        ) : status.isError ? (
          <Card withBorder padding="lg">
            <Text fw={600}>Platform</Text>
            <Text size="sm" c="red">
              {errorMessage(status.error)}
            </Text>
          </Card>
        ) : (
          <Card withBorder padding="lg">
            <Group justify="space-between" mb="xs">
              <Text fw={600}>Platform</Text>
              <Badge variant="light">v{status.data.version}</Badge>
            </Group>
            <Stack gap={4}>
              <Row label="Database" value={`PostgreSQL (${status.data.database})`} />
              <Row label="Cache" value={status.data.cache === 'redis' ? 'Redis' : 'In memory'} />
              <Row label="Up for" value={formatUptime(status.data.uptimeSeconds)} />
            </Stack>
          </Card>
        )}
        {status.isPending ? (
          <CardSkeleton lines={4} />
        ) : (
          status.data && (
            <Card withBorder padding="lg">
              <Text fw={600} mb="xs">
                Modules
              </Text>
              <Stack gap={4}>
                {status.data.modules.map((m) => (
                  <Group key={m.name} justify="space-between" gap="xs" title={m.description}>
                    <Text size="sm">
                      {m.name}{' '}
                      <Text span size="xs" c="dimmed">
                        {m.version}
                      </Text>
                    </Text>
                    <Badge size="sm" color={statusColor[m.status]} variant="dot">
                      {m.status}
                    </Badge>
                  </Group>
                ))}
              </Stack>
            </Card>
          )
        )}
      </SimpleGrid>
    </Stack>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <Group justify="space-between" gap="xs">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </Group>
  );
}

export function formatUptime(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86_400)} d ${Math.floor((seconds % 86_400) / 3600)} h`;
}
