import { Button, Group, Select, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ACTION_OPTIONS } from './audit-labels';
import { membersQuery } from './identity-api';

export interface AuditFilter {
  action: string | null;
  actorId: string | null;
  /** yyyy-mm-dd, inclusive, in the browser's time zone. */
  from: string;
  to: string;
}

export const NO_FILTER: AuditFilter = { action: null, actorId: null, from: '', to: '' };

/** The filter as the API's query: the day range becomes [from 00:00, to 23:59:59.999] local time. */
export function auditQuery(f: AuditFilter) {
  return {
    ...(f.action ? { action: f.action } : {}),
    ...(f.actorId ? { actorId: f.actorId } : {}),
    ...(f.from ? { from: new Date(`${f.from}T00:00:00`).toISOString() } : {}),
    ...(f.to ? { to: new Date(`${f.to}T23:59:59.999`).toISOString() } : {}),
  };
}

export function AuditFilters({
  value,
  onChange,
}: {
  value: AuditFilter;
  onChange: (f: AuditFilter) => void;
}) {
  const members = useQuery(membersQuery);
  const set = (patch: Partial<AuditFilter>) => onChange({ ...value, ...patch });
  const active = value.action || value.actorId || value.from || value.to;
  return (
    <Group align="flex-end" gap="sm" wrap="wrap" mb="md">
      <Select
        label="Action"
        placeholder="Any action"
        data={ACTION_OPTIONS}
        value={value.action}
        onChange={(action) => set({ action })}
        searchable
        clearable
        w={{ base: '100%', xs: 240 }}
      />
      <Select
        label="Who"
        placeholder="Anyone"
        data={(members.data?.items ?? []).map((m) => ({ value: m.userId, label: m.name || m.email }))}
        value={value.actorId}
        onChange={(actorId) => set({ actorId })}
        searchable
        clearable
        nothingFoundMessage="No member by that name"
        w={{ base: '100%', xs: 220 }}
      />
      <TextInput
        label="From"
        type="date"
        value={value.from}
        max={value.to || undefined}
        onChange={(e) => set({ from: e.currentTarget.value })}
        w={{ base: 'calc(50% - 6px)', xs: 160 }}
      />
      <TextInput
        label="To"
        type="date"
        value={value.to}
        min={value.from || undefined}
        onChange={(e) => set({ to: e.currentTarget.value })}
        w={{ base: 'calc(50% - 6px)', xs: 160 }}
      />
      {active && (
        <Button variant="subtle" onClick={() => onChange(NO_FILTER)}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
