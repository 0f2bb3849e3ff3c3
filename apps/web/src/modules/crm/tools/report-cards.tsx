import { Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { QueryError } from '../../../components/query-error';
import { LazyChart as Chart } from './lazy-chart';
import {
  activityOption,
  conversionOption,
  forecastOption,
  money,
  pct,
  stageOption,
  winRateOption,
} from './report-options';
import { type ReportFilters, reportQueries } from './report-queries';
import { memberNamesQuery } from './tools-api';

export type { ReportFilters };

function ReportCard<T>({
  title,
  hint,
  q,
  empty,
  emptyText,
  children,
}: {
  title: string;
  hint: string;
  q: UseQueryResult<T>;
  empty: (d: T) => boolean;
  emptyText: string;
  children: (d: T) => ReactNode;
}) {
  return (
    <Card withBorder padding="lg" h="100%" aria-label={title} component="section">
      <Title order={2} size="h5">
        {title}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {hint}
      </Text>
      {q.isPending ? (
        <Skeleton height={260} />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : empty(q.data) ? (
        <Stack align="center" justify="center" h={260} gap={6} data-testid="report-empty">
          <IconChartBar size={32} color="var(--mantine-color-dimmed)" aria-hidden />
          <Text size="sm" c="dimmed" ta="center" maw={320}>
            {emptyText}
          </Text>
        </Stack>
      ) : (
        children(q.data)
      )}
    </Card>
  );
}

export function DealsByStageCard({ f }: { f: ReportFilters }) {
  const q = useQuery(reportQueries.dealsByStage(f));
  return (
    <ReportCard
      title="Deals by stage"
      hint="All deals now, per pipeline: how many sit in each stage and their amount."
      q={q}
      empty={(d) => d.items.every((p) => p.count === 0)}
      emptyText="No deals yet. Add deals to a pipeline to see them here by stage."
    >
      {(d) => (
        <SimpleGrid
          cols={{ base: 1, md: d.items.filter((p) => p.count > 0).length > 1 ? 2 : 1 }}
          spacing="lg"
        >
          {d.items
            .filter((p) => p.count > 0)
            .map((p) => (
              <div key={p.pipelineId}>
                <Group justify="space-between">
                  <Text fw={600} size="sm">
                    {p.name}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {p.count} deals · {money(p.amount)}
                  </Text>
                </Group>
                <Chart option={(w) => stageOption(p, w)} label={`Deals by stage in ${p.name}`} height={280} />
              </div>
            ))}
        </SimpleGrid>
      )}
    </ReportCard>
  );
}

export function WinRateCard({ f }: { f: ReportFilters }) {
  const q = useQuery(reportQueries.winRate(f));
  return (
    <ReportCard
      title="Win rate"
      hint="Deals closed in the period: won ÷ (won + lost)."
      q={q}
      empty={(d) => d.closed === 0}
      emptyText="No deals were won or lost in this period."
    >
      {(d) => (
        <>
          <Chart option={winRateOption(d)} label={`Win rate ${pct(d.winRate)}`} height={240} />
          <Text size="sm" ta="center" data-testid="win-rate">
            {d.won} won ({money(d.wonAmount)}) · {d.lost} lost ({money(d.lostAmount)})
          </Text>
        </>
      )}
    </ReportCard>
  );
}

export function ConversionCard({ f }: { f: ReportFilters }) {
  const q = useQuery(reportQueries.conversion(f));
  return (
    <ReportCard
      title="Lead conversion by source"
      hint="Leads created in the period and how many became contacts or deals."
      q={q}
      empty={(d) => d.total.leads === 0}
      emptyText="No leads were created in this period. Forms and imports bring leads in."
    >
      {(d) => (
        <>
          <Chart option={(w) => conversionOption(d, w)} label="Lead conversion by source" height={280} />
          <Text size="sm" c="dimmed">
            {d.total.leads} leads, {d.total.converted} converted ({pct(d.total.rate)})
          </Text>
        </>
      )}
    </ReportCard>
  );
}

export function ForecastCard({ f }: { f: ReportFilters }) {
  const q = useQuery(reportQueries.forecast(f));
  return (
    <ReportCard
      title="Weighted forecast"
      hint="Open deals by expected close month, this month and the next 12: amount × stage probability."
      q={q}
      empty={(d) => d.items.length === 0}
      emptyText="No open deals with an expected close date in the next 12 months."
    >
      {(d) => (
        <>
          <Chart option={forecastOption(d)} label="Weighted forecast by month" height={280} />
          <Text size="sm" c="dimmed" data-testid="forecast-total">
            {d.total.deals} open deals · {money(d.total.amount)} · weighted {money(d.total.weighted)}
          </Text>
        </>
      )}
    </ReportCard>
  );
}

export function ActivityCard({ f }: { f: ReportFilters }) {
  const q = useQuery(reportQueries.activity(f));
  const names = useQuery(memberNamesQuery);
  return (
    <ReportCard
      title="Activity by owner"
      hint="Calls, e-mails, meetings, tasks and notes in the period, per owner."
      q={q}
      empty={(d) => d.items.length === 0}
      emptyText="No activities were logged in this period."
    >
      {(d) => (
        <Chart
          option={activityOption(d, names.data ?? new Map())}
          label="Activities by owner and type"
          height={Math.max(200, 60 + d.items.length * 36)}
        />
      )}
    </ReportCard>
  );
}
