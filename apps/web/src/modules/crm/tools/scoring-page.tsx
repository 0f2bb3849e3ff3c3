import { ActionIcon, Badge, Button, Card, Grid, Group, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTarget } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client';
import { ConfirmButton } from '../../../components/confirm-button';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { TableSkeleton } from '../../../components/table-skeleton';
import { ScoringModelCard } from './scoring-model-card';
import { ACTIVITY_TYPES, FIT_FIELDS, FIT_OPS, ScoringRuleDialog } from './scoring-rule-dialog';
import { crmKeys, rulesQuery, type ScoringRule } from './tools-api';

const name = (xs: readonly (readonly [string, string])[], v: unknown) =>
  xs.find(([k]) => k === v)?.[1] ?? String(v);

/** A rule's condition in words: "Job title contains director", "≥ 2 calls in 30 days". */
function describe(r: ScoringRule): string {
  const c = r.condition as Record<string, unknown>;
  if (r.kind === 'fit')
    return `${name(FIT_FIELDS, c.field)} ${name(FIT_OPS, c.op)}${c.value !== undefined ? ` “${c.value}”` : ''}`;
  const what =
    c.metric === 'form_submissions' ? 'form submissions' : name(ACTIVITY_TYPES, c.activityType ?? '');
  return `at least ${c.min ?? 1} ${what} in the last ${c.days} days`;
}

function RulesTable({
  kind,
  rules,
  onEdit,
}: {
  kind: 'fit' | 'engagement';
  rules: ScoringRule[];
  onEdit: (r: ScoringRule) => void;
}) {
  const queryClient = useQueryClient();
  const remove = async (r: ScoringRule) => {
    await unwrap(api.DELETE('/api/brain/crm/scoring/rules/{id}', { params: { path: { id: r.id } } }));
    notifications.show({ message: `${r.label} was deleted; leads are being rescored`, color: 'teal' });
    await queryClient.invalidateQueries({ queryKey: crmKeys.scoring });
  };
  const mine = rules.filter((r) => r.kind === kind);
  return (
    <div>
      <Title order={3} size="h5" mb={4}>
        {kind === 'fit' ? 'Fit: who the lead is' : 'Engagement: what the lead does'}
      </Title>
      {mine.length === 0 ? (
        <Text size="sm" c="dimmed" mb="md">
          No {kind} rules.
        </Text>
      ) : (
        <Table verticalSpacing="xs" mb="md" aria-label={`${kind} rules`}>
          <Table.Tbody>
            {mine.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {r.label}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {describe(r)}
                  </Text>
                </Table.Td>
                <Table.Td w={80}>
                  <Badge color={r.points >= 0 ? 'teal' : 'red'} variant="light">
                    {r.points > 0 ? '+' : ''}
                    {r.points}
                  </Badge>
                </Table.Td>
                <Table.Td w={130}>
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon variant="subtle" aria-label={`Change ${r.label}`} onClick={() => onEdit(r)}>
                      <IconPencil size={16} />
                    </ActionIcon>
                    <ConfirmButton
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      title={`Delete ${r.label}?`}
                      message="Every lead is rescored without it."
                      confirmLabel="Delete"
                      onConfirm={() => remove(r)}
                    >
                      Delete
                    </ConfirmButton>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </div>
  );
}

/** Lead scoring: the tenant's fit and engagement rules, and the learned model with retraining. */
export function ScoringPage() {
  const rules = useQuery(rulesQuery);
  const [editing, setEditing] = useState<ScoringRule | null | undefined>(undefined);
  const add = (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing(null)}>
      Add rule
    </Button>
  );
  return (
    <>
      <PageHeader
        title="Lead scoring"
        description="Every lead gets a score from 0 to 100: the points of the rules it matches, plus what the learned model predicts once it has enough history."
        actions={add}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder padding="lg">
            <Title order={2} size="h4" mb="sm">
              Rules
            </Title>
            {rules.isPending ? (
              <TableSkeleton />
            ) : rules.isError ? (
              <QueryError error={rules.error} onRetry={() => rules.refetch()} />
            ) : rules.data.items.length === 0 ? (
              <EmptyState
                icon={<IconTarget size={28} aria-hidden />}
                title="No scoring rules yet"
                description="Give points for what makes a good lead (a job title, a company domain) and for what they do (calls, form submissions)."
                action={add}
              />
            ) : (
              <>
                <RulesTable kind="fit" rules={rules.data.items} onEdit={setEditing} />
                <RulesTable kind="engagement" rules={rules.data.items} onEdit={setEditing} />
              </>
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <ScoringModelCard />
        </Grid.Col>
      </Grid>
      {editing !== undefined && <ScoringRuleDialog rule={editing} onClose={() => setEditing(undefined)} />}
    </>
  );
}
