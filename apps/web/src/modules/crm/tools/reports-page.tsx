import { Button, Card, Grid, Group, Select, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../../components/page-header';
import {
  ActivityCard,
  ConversionCard,
  DealsByStageCard,
  ForecastCard,
  type ReportFilters,
  WinRateCard,
} from './report-cards';
import { ReportKpis } from './report-kpis';
import { pipelinesQuery } from './tools-api';

const day = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The last `days` days up to today (UTC), as the hub counts them. */
const lastDays = (days: number): Pick<ReportFilters, 'from' | 'to'> => ({
  from: iso(Date.now() - (days - 1) * day),
  to: iso(Date.now()),
});

const PRESETS = [
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
  { label: '12 months', days: 365 },
];

/** CRM reports: pipeline, win rate, lead conversion, forecast and activity, with filters. */
export function ReportsPage() {
  const [f, setF] = useState<ReportFilters>({ ...lastDays(90), pipelineId: null });
  const pipelines = useQuery(pipelinesQuery);
  const bad = f.from && f.to && f.from > f.to;
  return (
    <>
      <PageHeader
        title="Reports"
        description="How the pipeline, lead sources and the team are doing. Figures are computed live from your CRM."
      />
      <Card withBorder padding="md" mb="lg">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            type="date"
            label="From"
            value={f.from}
            max={f.to}
            onChange={(e) => setF({ ...f, from: e.currentTarget.value })}
            error={bad ? 'must be before To' : undefined}
          />
          <TextInput
            type="date"
            label="To"
            value={f.to}
            onChange={(e) => setF({ ...f, to: e.currentTarget.value })}
          />
          <Button.Group>
            {PRESETS.map((p) => (
              <Button key={p.days} variant="default" onClick={() => setF({ ...f, ...lastDays(p.days) })}>
                {p.label}
              </Button>
            ))}
          </Button.Group>
          <Select
            label="Pipeline"
            placeholder="All pipelines"
            clearable
            data={(pipelines.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={f.pipelineId}
            onChange={(v) => setF({ ...f, pipelineId: v })}
            w={220}
          />
        </Group>
      </Card>
      {!bad && <ReportKpis f={f} />}
      {!bad && (
        <Grid gap="lg">
          <Grid.Col span={12}>
            <DealsByStageCard f={f} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <ForecastCard f={f} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <WinRateCard f={f} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <ConversionCard f={f} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <ActivityCard f={f} />
          </Grid.Col>
        </Grid>
      )}
    </>
  );
}
