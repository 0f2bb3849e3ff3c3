import { Card, Grid, Group, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import {
  IconAddressBook,
  IconBuilding,
  IconChartBar,
  IconFileImport,
  IconForms,
  IconLayoutKanban,
  IconTargetArrow,
  IconUserSearch,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../api/client';
import { PageHeader } from '../../components/page-header';
import { crmNav } from './nav';
import { formatMoney } from './records/crm-api';
import { HomeTasks } from './records/home-tasks';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card withBorder padding="lg">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={28} fw={700} data-testid={`stat-${label}`}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

const LINKS = [
  { to: '/crm/contacts', label: 'Contacts', icon: IconAddressBook, text: 'People, filters and saved views' },
  { to: '/crm/companies', label: 'Companies', icon: IconBuilding, text: 'Organisations and their people' },
  { to: '/crm/leads', label: 'Leads', icon: IconUserSearch, text: 'Scored prospects to qualify' },
  { to: '/crm/deals', label: 'Deals', icon: IconLayoutKanban, text: 'The pipeline board' },
  { to: '/crm/import', label: 'Import', icon: IconFileImport, text: 'Bring records in from CSV' },
  { to: '/crm/forms', label: 'Forms', icon: IconForms, text: 'Capture leads on your site' },
  { to: '/crm/reports', label: 'Reports', icon: IconChartBar, text: 'Win rate, forecast, conversion' },
  { to: '/crm/scoring', label: 'Scoring', icon: IconTargetArrow, text: 'Rules and the learned model' },
] as const;

/** The CRM's overview: counts, pipeline value, win rate, my tasks, and the way to every section. */
export function CrmHomePage() {
  const counts = useQuery({
    queryKey: ['crm', 'reports', 'counts'],
    queryFn: () => unwrap(api.GET('/api/brain/crm/reports/counts')),
  });
  const count = (n: number | undefined) => (n === undefined ? '…' : n.toLocaleString());
  const byStage = useQuery({
    queryKey: ['crm', 'reports', 'deals-by-stage'],
    queryFn: () => unwrap(api.GET('/api/brain/crm/reports/deals-by-stage')),
  });
  const winRate = useQuery({
    queryKey: ['crm', 'reports', 'win-rate'],
    queryFn: () => unwrap(api.GET('/api/brain/crm/reports/win-rate')),
  });
  const leads = useQuery({
    queryKey: ['crm', 'reports', 'lead-conversion', 30],
    queryFn: () =>
      unwrap(api.GET('/api/brain/crm/reports/lead-conversion', { params: { query: { from: daysAgo(30) } } })),
  });
  const open = (byStage.data?.items ?? [])
    .flatMap((p) => p.stages)
    .filter((s) => s.kind === 'open')
    .reduce((acc, s) => ({ count: acc.count + s.count, amount: acc.amount + s.amount }), {
      count: 0,
      amount: 0,
    });
  const rate = winRate.data?.winRate;

  return (
    <>
      <PageHeader title={crmNav.label} description={crmNav.description} />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} mb="lg">
        <Stat label="Contacts" value={count(counts.data?.contacts)} />
        <Stat label="Companies" value={count(counts.data?.companies)} />
        <Stat
          label="New leads"
          value={leads.data ? String(leads.data.total.leads) : '…'}
          hint="last 30 days"
        />
        <Stat
          label="Open deals"
          value={byStage.data ? formatMoney(open.amount) : '…'}
          hint={byStage.data ? `${open.count} deals in the pipeline` : undefined}
        />
        <Stat
          label="Win rate"
          value={rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)}%`}
          hint={
            winRate.data ? `${winRate.data.won} won of ${winRate.data.closed} closed, 90 days` : undefined
          }
        />
      </SimpleGrid>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <HomeTasks />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder padding="lg">
            <Stack gap="sm">
              <Title order={2} size="h4">
                Go to
              </Title>
              <SimpleGrid cols={2} spacing="xs">
                {LINKS.map((l) => (
                  <UnstyledButton
                    key={l.to}
                    component={Link}
                    to={l.to}
                    p="xs"
                    style={{ borderRadius: 8 }}
                    className="crm-home-link"
                  >
                    <Group gap="sm" wrap="nowrap">
                      <ThemeIcon variant="light" size="lg">
                        <l.icon size={18} aria-hidden />
                      </ThemeIcon>
                      <div>
                        <Text size="sm" fw={600}>
                          {l.label}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {l.text}
                        </Text>
                      </div>
                    </Group>
                  </UnstyledButton>
                ))}
              </SimpleGrid>
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
    </>
  );
}
