import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  SimpleGrid,
  Skeleton,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import type { ChartOption } from '../../../components/chart';
import { formatDateTime } from '../../../components/format';
import { QueryError } from '../../../components/query-error';
import { LazyChart as Chart } from './lazy-chart';
import { modelQuery, type ScoringModel } from './tools-api';

const METRICS: [string, string, (v: number) => string][] = [
  ['auc', 'AUC (held-out leads)', (v) => v.toFixed(3)],
  ['trainAuc', 'AUC (training)', (v) => v.toFixed(3)],
  ['logLoss', 'Log loss', (v) => v.toFixed(3)],
  ['baseRate', 'Conversion base rate', (v) => `${Math.round(v * 1000) / 10} %`],
  ['holdout', 'Held-out leads', (v) => v.toLocaleString()],
  ['positives', 'Converted leads', (v) => v.toLocaleString()],
];

function weightsOption(m: NonNullable<ScoringModel['model']>): ChartOption {
  const top = [...m.weights]
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, 10)
    .reverse();
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: top.map((w) => w.label) },
    series: [
      {
        type: 'bar',
        name: 'Weight',
        barMaxWidth: 18,
        data: top.map((w) => ({
          value: Math.round(w.weight * 1000) / 1000,
          itemStyle: { color: w.weight >= 0 ? '#12b886' : '#fa5252' },
        })),
      },
    ],
  };
}

/** The learned model: trained or not, on how many leads, how good, what it weighs; retrain now. */
export function ScoringModelCard() {
  const q = useQuery(modelQuery);
  const queryClient = useQueryClient();
  const retrain = useMutation({
    mutationFn: () => unwrap(api.POST('/api/brain/crm/scoring/retrain')),
    onSuccess: (m) => {
      queryClient.setQueryData(modelQuery.queryKey, m);
      notifications.show({
        color: m.trained ? 'teal' : 'yellow',
        message: m.trained
          ? `Model trained on ${m.model?.samples.toLocaleString()} leads; all leads are being rescored.`
          : `Not enough closed leads yet (${m.closedLeads} of ${m.minimum}); scores use the rules alone.`,
      });
    },
  });
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Learned model
        </Title>
        <Button
          variant="light"
          leftSection={<IconRefresh size={16} aria-hidden />}
          loading={retrain.isPending}
          onClick={() => retrain.mutate()}
        >
          Retrain now
        </Button>
      </Group>
      {retrain.isError && (
        <Alert color="red" variant="light" mb="sm">
          {errorMessage(retrain.error)}
        </Alert>
      )}
      {q.isPending ? (
        <Skeleton height={200} />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <>
          <Group gap="xs" mb="sm">
            <Badge color={q.data.trained ? 'teal' : 'gray'} variant="light" data-testid="model-status">
              {q.data.trained ? 'trained' : 'not trained'}
            </Badge>
            {q.data.model && (
              <Text size="sm" c="dimmed">
                on {q.data.model.samples.toLocaleString()} closed leads,{' '}
                {formatDateTime(q.data.model.trainedAt)}
              </Text>
            )}
          </Group>
          {!q.data.model ? (
            <>
              <Text size="sm" mb="xs">
                The model learns from converted and unqualified leads which traits convert. It needs{' '}
                {q.data.minimum} closed leads; there are {q.data.closedLeads}. Until then scores come from the
                rules alone. It retrains every night.
              </Text>
              <Progress
                value={Math.min(100, (q.data.closedLeads / q.data.minimum) * 100)}
                aria-label="Closed leads"
              />
            </>
          ) : (
            <>
              <SimpleGrid cols={{ base: 2, sm: 3 }} mb="md">
                {METRICS.filter(([k]) => k in q.data.model!.metrics).map(([k, label, fmt]) => (
                  <div key={k}>
                    <Text size="xs" c="dimmed">
                      {label}
                    </Text>
                    <Text fw={700}>{fmt(q.data.model!.metrics[k]!)}</Text>
                  </div>
                ))}
              </SimpleGrid>
              <Text size="sm" fw={600}>
                What weighs most (green raises, red lowers the score)
              </Text>
              <Chart option={weightsOption(q.data.model)} label="Model weights" height={300} />
            </>
          )}
        </>
      )}
    </Card>
  );
}
