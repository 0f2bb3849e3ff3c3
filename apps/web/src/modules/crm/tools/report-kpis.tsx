import { Card, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { money, pct } from './report-options';
import { type ReportFilters, reportQueries } from './report-queries';

function Kpi({
  label,
  value,
  hint,
  loading,
}: {
  label: string;
  value: string;
  hint: string;
  loading: boolean;
}) {
  return (
    <Card withBorder padding="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {loading ? (
        <Skeleton height={28} my={4} width="60%" />
      ) : (
        <Text size="xl" fw={700} data-testid={`kpi-${label.toLowerCase().replace(/\s+/g, '-')}`}>
          {value}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Card>
  );
}

/** The headline figures above the charts (the same queries as the charts: no extra requests). */
export function ReportKpis({ f }: { f: ReportFilters }) {
  const stages = useQuery(reportQueries.dealsByStage(f));
  const forecast = useQuery(reportQueries.forecast(f));
  const win = useQuery(reportQueries.winRate(f));
  const conv = useQuery(reportQueries.conversion(f));
  const open = (stages.data?.items ?? []).flatMap((p) => p.stages).filter((s) => s.kind === 'open');
  const openCount = open.reduce((n, s) => n + s.count, 0);
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} mb="lg">
      <Kpi
        label="Open pipeline"
        loading={stages.isPending}
        value={money(open.reduce((n, s) => n + s.amount, 0))}
        hint={`${openCount} open deal${openCount === 1 ? '' : 's'}`}
      />
      <Kpi
        label="Weighted forecast"
        loading={forecast.isPending}
        value={money(forecast.data?.total.weighted ?? 0)}
        hint="next 12 months, by stage probability"
      />
      <Kpi
        label="Win rate"
        loading={win.isPending}
        value={pct(win.data?.winRate ?? null)}
        hint={win.data ? `${win.data.won} won of ${win.data.closed} closed in the period` : ''}
      />
      <Kpi
        label="Lead conversion"
        loading={conv.isPending}
        value={pct(conv.data?.total.rate ?? null)}
        hint={conv.data ? `${conv.data.total.converted} of ${conv.data.total.leads} leads in the period` : ''}
      />
    </SimpleGrid>
  );
}
