import {
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Progress,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useCan } from '../../../auth/session';
import { QueryError } from '../../../components/query-error';
import { crmKeys, type Lead, personName, pipelinesQuery, scoreColor } from './crm-api';
import { ScoreBadge } from './record-cells';
import { RecordLink } from './record-link';

/** The lead's score now, and why: fit rules, engagement rules and the learned model. */
export function LeadScoreCard({ lead }: { lead: Lead }) {
  const canWrite = useCan('crm:write');
  const score = useQuery({
    queryKey: ['crm', 'leads', 'score', lead.id, lead.updatedAt],
    queryFn: () =>
      unwrap(api.POST('/api/brain/crm/scoring/leads/{id}', { params: { path: { id: lead.id } } })),
    enabled: canWrite,
  });
  const value = score.data?.score ?? lead.score;
  return (
    <Card withBorder padding="lg">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h5">
            Lead score
          </Title>
          <ScoreBadge score={value} />
        </Group>
        <Progress value={value ?? 0} color={scoreColor(value)} aria-label="Score out of 100" />
        {score.isError && <QueryError error={score.error} />}
        {score.data && score.data.reasons.length === 0 && (
          <Text size="sm" c="dimmed">
            No rule matches this lead yet. Define rules on the{' '}
            <Anchor component={Link} to="/crm/scoring" size="sm">
              scoring page
            </Anchor>
            .
          </Text>
        )}
        {score.data?.reasons.map((r) => (
          <Group key={`${r.kind}-${r.label}`} justify="space-between" wrap="nowrap">
            <Text size="sm">
              {r.label}{' '}
              <Text span size="xs" c="dimmed">
                ({r.kind})
              </Text>
            </Text>
            <Text size="sm" fw={600} c={r.points >= 0 ? 'teal' : 'red'}>
              {r.points >= 0 ? '+' : ''}
              {Math.round(r.points * 10) / 10}
            </Text>
          </Group>
        ))}
        {score.data?.usedModel && (
          <Text size="xs" c="dimmed">
            Includes the model learned from your closed leads.
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** Convert a lead: a contact (reused by e-mail), a company (by domain or name), optionally a deal. */
export function ConvertLeadButton({ lead }: { lead: Lead }) {
  const queryClient = useQueryClient();
  const pipelines = useQuery(pipelinesQuery);
  const [opened, setOpened] = useState(false);
  const [withDeal, setWithDeal] = useState(true);
  const [name, setName] = useState('');
  const [amount, setAmount] = useState<number | string>('');
  const [pipelineId, setPipelineId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const dealName = name || `${lead.companyName || personName(lead, lead.email ?? 'New')} deal`;

  const convert = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const res = await unwrap(
        api.POST('/api/brain/crm/leads/{id}/convert', {
          params: { path: { id: lead.id } },
          body: withDeal
            ? {
                createDeal: {
                  name: dealName,
                  amount: amount === '' ? undefined : Number(amount),
                  pipelineId: pipelineId ?? undefined,
                },
              }
            : {},
        }),
      );
      queryClient.setQueryData(crmKeys.record('lead', lead.id), res.lead);
      await queryClient.invalidateQueries({ queryKey: ['crm'] });
      notifications.show({
        message: `Converted: contact ${res.contactCreated ? 'created' : 'linked'}${res.companyId ? `, company ${res.companyCreated ? 'created' : 'linked'}` : ''}${res.dealId ? ', deal created' : ''}`,
        color: 'teal',
      });
      setOpened(false);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button onClick={() => setOpened(true)}>Convert</Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={`Convert ${personName(lead, 'lead')}`}
        centered
      >
        <Stack>
          <Text size="sm">
            Creates a contact (or links the one with the same e-mail) and a company (by e-mail domain or
            company name), and marks the lead converted.
          </Text>
          <Checkbox
            label="Also create a deal"
            checked={withDeal}
            onChange={(e) => setWithDeal(e.currentTarget.checked)}
          />
          {withDeal && (
            <>
              <TextInput
                label="Deal name"
                placeholder={dealName}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
              />
              <NumberInput label="Amount" min={0} value={amount} onChange={setAmount} thousandSeparator="," />
              <Select
                label="Pipeline"
                placeholder="Default pipeline"
                data={(pipelines.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
                value={pipelineId}
                onChange={setPipelineId}
                clearable
              />
            </>
          )}
          {error && (
            <Text c="red" size="sm" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              Cancel
            </Button>
            <Button onClick={convert} loading={busy}>
              Convert lead
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** Where a converted lead went. */
export function ConvertedCard({ lead }: { lead: Lead }) {
  if (lead.status !== 'converted') return null;
  return (
    <Card withBorder padding="lg" bg="var(--mantine-color-teal-light)">
      <Stack gap={4}>
        <Title order={2} size="h5">
          Converted
        </Title>
        {lead.contactId && (
          <RecordLink entity="contact" id={lead.contactId} size="sm">
            Open the contact
          </RecordLink>
        )}
        {lead.companyId && (
          <RecordLink entity="company" id={lead.companyId} size="sm">
            Open the company
          </RecordLink>
        )}
        {lead.dealId && (
          <RecordLink entity="deal" id={lead.dealId} size="sm">
            Open the deal
          </RecordLink>
        )}
      </Stack>
    </Card>
  );
}
