import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { crmKeys, type ScoringRule } from './tools-api';

export const FIT_FIELDS = [
  ['job_title', 'Job title'],
  ['email_domain', 'E-mail domain'],
  ['email', 'E-mail'],
  ['company_name', 'Company name'],
  ['source', 'Source'],
  ['phone', 'Phone'],
  ['page_url', 'Page address'],
  ['first_name', 'First name'],
  ['last_name', 'Last name'],
  ['status', 'Status'],
] as const;
export const FIT_OPS = [
  ['contains', 'contains'],
  ['equals', 'is'],
  ['starts_with', 'starts with'],
  ['ends_with', 'ends with'],
  ['present', 'is filled in'],
  ['absent', 'is empty'],
] as const;
export const ACTIVITY_TYPES = [
  ['', 'any activity'],
  ['call', 'calls'],
  ['email', 'e-mails'],
  ['meeting', 'meetings'],
  ['task', 'tasks'],
  ['note', 'notes'],
] as const;

type Draft = {
  kind: 'fit' | 'engagement';
  label: string;
  points: number;
  field: string;
  op: string;
  value: string;
  metric: 'activities' | 'form_submissions';
  activityType: string;
  days: number;
  min: number;
};

const draftOf = (r?: ScoringRule): Draft => {
  const c = (r?.condition ?? {}) as Record<string, unknown>;
  return {
    kind: r?.kind ?? 'fit',
    label: r?.label ?? '',
    points: r?.points ?? 10,
    field: (c.field as string) ?? 'job_title',
    op: (c.op as string) ?? 'contains',
    value: (c.value as string) ?? '',
    metric: (c.metric as Draft['metric']) ?? 'activities',
    activityType: (c.activityType as string) ?? '',
    days: (c.days as number) ?? 30,
    min: (c.min as number) ?? 1,
  };
};

const bodyOf = (d: Draft) =>
  d.kind === 'fit'
    ? {
        kind: 'fit' as const,
        label: d.label,
        points: d.points,
        condition: {
          field: d.field as (typeof FIT_FIELDS)[number][0],
          op: d.op as (typeof FIT_OPS)[number][0],
          ...(d.op === 'present' || d.op === 'absent' ? {} : { value: d.value }),
        },
      }
    : {
        kind: 'engagement' as const,
        label: d.label,
        points: d.points,
        condition: {
          metric: d.metric,
          days: d.days,
          min: d.min,
          ...(d.metric === 'activities' && d.activityType
            ? { activityType: d.activityType as 'call' | 'email' | 'meeting' | 'task' | 'note' }
            : {}),
        },
      };

const pairs = (xs: readonly (readonly [string, string])[]) => xs.map(([value, label]) => ({ value, label }));

/** Add or change one scoring rule; saving rescores every lead (the hub does it in the background). */
export function ScoringRuleDialog({
  rule,
  onClose,
}: {
  rule: ScoringRule | null | undefined;
  onClose: () => void;
}) {
  const [d, setD] = useState<Draft>(() => draftOf(rule ?? undefined));
  const set = (p: Partial<Draft>) => setD({ ...d, ...p });
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      rule
        ? unwrap(
            api.PUT('/api/brain/crm/scoring/rules/{id}', {
              params: { path: { id: rule.id } },
              body: bodyOf(d),
            }),
          )
        : unwrap(api.POST('/api/brain/crm/scoring/rules', { body: bodyOf(d) })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: crmKeys.scoring });
      onClose();
    },
  });
  const needsValue = d.kind === 'fit' && d.op !== 'present' && d.op !== 'absent';
  return (
    <Modal opened onClose={onClose} title={rule ? 'Change rule' : 'New scoring rule'} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          {!rule && (
            <SegmentedControl
              value={d.kind}
              onChange={(v) => set({ kind: v as Draft['kind'] })}
              data={[
                { value: 'fit', label: 'Fit: who the lead is' },
                { value: 'engagement', label: 'Engagement: what the lead does' },
              ]}
            />
          )}
          <TextInput
            label="Label"
            placeholder="Decision maker"
            value={d.label}
            onChange={(e) => set({ label: e.currentTarget.value })}
            required
          />
          {d.kind === 'fit' ? (
            <Group grow align="flex-end">
              <Select
                label="When"
                data={pairs(FIT_FIELDS)}
                value={d.field}
                allowDeselect={false}
                onChange={(v) => v && set({ field: v })}
              />
              <Select
                label="Condition"
                data={pairs(FIT_OPS)}
                value={d.op}
                allowDeselect={false}
                onChange={(v) => v && set({ op: v })}
              />
              {needsValue && (
                <TextInput
                  label="Value"
                  value={d.value}
                  onChange={(e) => set({ value: e.currentTarget.value })}
                  required
                />
              )}
            </Group>
          ) : (
            <Group grow align="flex-end">
              <Select
                label="Counts"
                data={[
                  { value: 'activities', label: 'Activities' },
                  { value: 'form_submissions', label: 'Form submissions' },
                ]}
                value={d.metric}
                allowDeselect={false}
                onChange={(v) => v && set({ metric: v as Draft['metric'] })}
              />
              {d.metric === 'activities' && (
                <Select
                  label="Of type"
                  data={pairs(ACTIVITY_TYPES)}
                  value={d.activityType}
                  allowDeselect={false}
                  onChange={(v) => set({ activityType: v ?? '' })}
                />
              )}
              <NumberInput
                label="At least"
                min={1}
                max={10000}
                value={d.min}
                onChange={(v) => set({ min: Number(v) || 1 })}
              />
              <NumberInput
                label="In the last (days)"
                min={1}
                max={3650}
                value={d.days}
                onChange={(v) => set({ days: Number(v) || 1 })}
              />
            </Group>
          )}
          <NumberInput
            label="Points"
            description="-100 to 100; a lead's score is the sum of its matching rules, kept within 0–100."
            min={-100}
            max={100}
            value={d.points}
            onChange={(v) => set({ points: Number(v) || 0 })}
            w={260}
          />
          {save.isError && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(save.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {rule ? 'Save rule' : 'Add rule'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
