import { Box, Card, Group, Progress, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { CardSkeleton } from '../../components/card-skeleton';
import { QueryError } from '../../components/query-error';
import { buckets, formatBytes, formatSeconds, parseMetrics, quantile, type Sample, sum } from './prometheus';

const H = 'bizosaas_http_request_duration_seconds';

/** Key numbers from GET /api/metrics: requests, latency p50/p99, DB pools, job queue, memory. */
export function MetricsCards() {
  const metrics = useQuery({
    queryKey: ['platform', 'metrics'],
    queryFn: async () => {
      const { data, response } = await api.GET('/api/metrics', { parseAs: 'text' });
      if (!response.ok || typeof data !== 'string')
        throw new Error(`The metrics answered ${response.status}`);
      return parseMetrics(data);
    },
    refetchInterval: 15_000,
  });
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Metrics
      </Title>
      {metrics.isPending ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          {[1, 2, 3, 4].map((i) => (
            <CardSkeleton key={i} lines={2} />
          ))}
        </SimpleGrid>
      ) : metrics.isError ? (
        <QueryError
          error={metrics.error}
          onRetry={() => metrics.refetch()}
          title="Could not read the metrics"
        />
      ) : (
        <MetricsView samples={metrics.data} />
      )}
    </Stack>
  );
}

function MetricsView({ samples }: { samples: Sample[] }) {
  const requests = sum(samples, 'bizosaas_http_requests_total');
  const errors = samples
    .filter((s) => s.name === 'bizosaas_http_requests_total' && /^5/.test(s.labels.status ?? ''))
    .reduce((a, s) => a + s.value, 0);
  const bs = buckets(samples, H);
  const queued = sum(samples, 'bizosaas_job_queue_depth', { state: 'queued' });
  const failed = sum(samples, 'bizosaas_job_queue_depth', { state: 'failed' });
  const rss = sum(samples, 'bizosaas_process_resident_memory_bytes');
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
      <Stat
        label="Requests"
        value={requests.toLocaleString()}
        hint={`${errors.toLocaleString()} answered 5xx since start`}
      />
      <Stat
        label="Latency p50 / p99"
        value={`${formatSeconds(quantile(0.5, bs))} / ${formatSeconds(quantile(0.99, bs))}`}
        hint="all routes, from the histogram buckets"
      >
        <LatencyBars bs={bs} />
      </Stat>
      <Stat
        label="Job queue"
        value={`${queued} waiting`}
        hint={failed ? `${failed} failed` : 'no failed jobs'}
        alert={failed > 0}
      />
      <Stat label="Memory (RSS)" value={rss ? formatBytes(rss) : '—'} hint="the hub process" />
      {(['app', 'admin'] as const).map((pool) => (
        <Pool key={pool} pool={pool} samples={samples} />
      ))}
    </SimpleGrid>
  );
}

function Stat(p: {
  label: string;
  value: string;
  hint?: string;
  alert?: boolean;
  children?: React.ReactNode;
}) {
  return (
    <Card withBorder padding="lg">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {p.label}
      </Text>
      <Text fw={700} size="xl" mt={4} c={p.alert ? 'red' : undefined}>
        {p.value}
      </Text>
      {p.hint && (
        <Text size="xs" c="dimmed">
          {p.hint}
        </Text>
      )}
      {p.children}
    </Card>
  );
}

function Pool({ pool, samples }: { pool: string; samples: Sample[] }) {
  const get = (state: string) => sum(samples, 'bizosaas_db_pool_connections', { pool, state });
  const total = get('total');
  const idle = get('idle');
  const waiting = get('waiting');
  const busy = Math.max(0, total - idle);
  return (
    <Stat
      label={`DB pool: ${pool}`}
      value={`${busy} busy / ${total} open`}
      hint={`${idle} idle, ${waiting} waiting`}
      alert={waiting > 0}
    >
      <Progress.Root size="lg" mt="sm" aria-label={`${pool} pool: ${busy} busy, ${idle} idle`}>
        <Progress.Section value={total ? (busy / total) * 100 : 0} color="blue" />
        <Progress.Section value={total ? (idle / total) * 100 : 0} color="gray.4" />
      </Progress.Root>
    </Stat>
  );
}

/** Requests per latency bucket (not cumulative), as small bars. */
function LatencyBars({ bs }: { bs: { le: number; count: number }[] }) {
  const per = bs.map((b, i) => ({ le: b.le, n: b.count - (bs[i - 1]?.count ?? 0) }));
  const max = Math.max(1, ...per.map((b) => b.n));
  if (!bs.length) return null;
  return (
    <Group gap={2} align="flex-end" h={48} mt="sm" role="img" aria-label="Latency distribution">
      {per.map((b) => (
        <Tooltip
          key={b.le}
          label={`≤ ${Number.isFinite(b.le) ? formatSeconds(b.le) : '∞'}: ${b.n}`}
          withArrow
        >
          <Box
            style={{ flex: 1, borderRadius: 2 }}
            h={Math.max(2, (b.n / max) * 48)}
            bg="var(--mantine-primary-color-filled)"
            opacity={b.n ? 0.85 : 0.2}
          />
        </Tooltip>
      ))}
    </Group>
  );
}
