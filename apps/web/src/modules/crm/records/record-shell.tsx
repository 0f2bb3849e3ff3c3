import { Anchor, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { CardSkeleton } from '../../../components/card-skeleton';
import { QueryError } from '../../../components/query-error';
import type { CrmEntity } from './crm-api';
import { QuickActions } from './quick-actions';
import { RecordTimeline } from './timeline';

const BACK = {
  contact: { to: '/crm/contacts', label: 'Contacts' },
  company: { to: '/crm/companies', label: 'Companies' },
  lead: { to: '/crm/leads', label: 'Leads' },
  deal: { to: '/crm/deals', label: 'Deals' },
} as const;

/** A record page: title and actions; fields (and extra cards) on the left; activity on the right. */
export function RecordShell({
  entity,
  id,
  title,
  subtitle,
  badges,
  actions,
  fields,
  side,
  stageName,
  sideFirst,
}: {
  entity: CrmEntity;
  id: string;
  title: string;
  subtitle?: ReactNode;
  badges?: ReactNode;
  actions?: ReactNode;
  fields: ReactNode;
  side?: ReactNode;
  stageName?: (id: string) => string | undefined;
  /** Put the extra cards above the fields (a lead's score matters more than its phone number). */
  sideFirst?: boolean;
}) {
  return (
    <>
      <Anchor component={Link} to={BACK[entity].to} size="sm" mb="xs" display="inline-flex">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden /> {BACK[entity].label}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start" mb="lg" gap="sm">
        <Stack gap={4} style={{ flex: '1 1 16rem' }}>
          <Group gap="sm">
            <Title order={1} size="h2">
              {title}
            </Title>
            {badges}
          </Group>
          {subtitle && (
            <Text c="dimmed" size="sm">
              {subtitle}
            </Text>
          )}
        </Stack>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Stack>
            {sideFirst && side}
            <Card withBorder padding="lg">
              <Stack gap="sm">{fields}</Stack>
            </Card>
            {!sideFirst && side}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Card withBorder padding="lg">
            <Stack>
              <Group justify="space-between">
                <Title order={2} size="h4">
                  Activity
                </Title>
                <QuickActions entity={entity} id={id} />
              </Group>
              <RecordTimeline entity={entity} id={id} stageName={stageName} />
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
    </>
  );
}

/** While the record loads, or when it cannot be loaded. */
export function RecordState({ error, onRetry }: { error?: unknown; onRetry?: () => void }) {
  if (error) return <QueryError error={error} onRetry={onRetry} title="Could not load this record" />;
  return <CardSkeleton />;
}
