import { Button, CloseButton, Group, Pill, Popover, Select, Stack, TextInput } from '@mantine/core';
import { IconFilterPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useMembers } from './crm-api';
import { type Condition, describeCondition, type FieldDef, OP_LABELS, opsFor } from './filter-model';

function ValueInput({
  def,
  op,
  value,
  onChange,
}: {
  def: FieldDef | undefined;
  op: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const members = useMembers();
  if (op === 'exists')
    return (
      <Select
        label="Value"
        data={[
          { value: 'true', label: 'is set' },
          { value: 'false', label: 'is empty' },
        ]}
        value={value || 'true'}
        onChange={(v) => onChange(v ?? 'true')}
        allowDeselect={false}
        comboboxProps={{ withinPortal: false }}
      />
    );
  if (def?.type === 'user')
    return (
      <Select
        label="Value"
        data={members.options}
        value={value || null}
        onChange={(v) => onChange(v ?? '')}
        searchable
        comboboxProps={{ withinPortal: false }}
      />
    );
  if ((def?.type === 'select' || def?.type === 'multiselect') && def.options?.length)
    return (
      <Select
        label="Value"
        data={def.options}
        value={value || null}
        onChange={(v) => onChange(v ?? '')}
        comboboxProps={{ withinPortal: false }}
      />
    );
  const type =
    def?.type === 'number' ? 'number' : def?.type === 'date' || def?.type === 'timestamp' ? 'date' : 'text';
  return (
    <TextInput label="Value" type={type} value={value} onChange={(e) => onChange(e.currentTarget.value)} />
  );
}

/** Active filters as removable pills, and a popover to add one on any field (custom ones too). */
export function FilterBar({
  fields,
  conds,
  onChange,
  valueLabel,
}: {
  fields: FieldDef[];
  conds: Condition[];
  onChange: (conds: Condition[]) => void;
  valueLabel: (c: Condition) => string | undefined;
}) {
  const [opened, setOpened] = useState(false);
  const [field, setField] = useState<string | null>(null);
  const [op, setOp] = useState('');
  const [value, setValue] = useState('');
  const def = fields.find((f) => f.key === field);
  const ops = def ? opsFor(def.type) : [];

  const pickField = (key: string | null) => {
    setField(key);
    const d = fields.find((f) => f.key === key);
    setOp(d ? (opsFor(d.type)[0] ?? 'eq') : '');
    setValue('');
  };
  const apply = () => {
    if (!field || !op) return;
    onChange([...conds, { field, op, value: op === 'exists' ? value || 'true' : value }]);
    setOpened(false);
    pickField(null);
  };

  return (
    <Group gap="xs" wrap="wrap">
      {conds.map((c, i) => (
        <Pill
          key={`${c.field}-${c.op}-${c.value}`}
          size="md"
          withRemoveButton
          onRemove={() => onChange(conds.filter((_, j) => j !== i))}
          removeButtonProps={{ 'aria-label': `Remove filter ${describeCondition(c, fields)}` }}
        >
          {describeCondition(c, fields, valueLabel(c))}
        </Pill>
      ))}
      <Popover opened={opened} onChange={setOpened} position="bottom-start" width={300} trapFocus>
        <Popover.Target>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconFilterPlus size={14} aria-hidden />}
            onClick={() => setOpened((o) => !o)}
          >
            Add filter
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="xs">
            <Group justify="space-between">
              <strong>New filter</strong>
              <CloseButton size="sm" aria-label="Close" onClick={() => setOpened(false)} />
            </Group>
            <Select
              label="Field"
              data={fields.map((f) => ({ value: f.key, label: f.label }))}
              value={field}
              onChange={pickField}
              searchable
              comboboxProps={{ withinPortal: false }}
            />
            {def && (
              <Select
                label="Condition"
                data={ops.map((o) => ({ value: o, label: OP_LABELS[o] ?? o }))}
                value={op}
                onChange={(v) => setOp(v ?? ops[0] ?? 'eq')}
                allowDeselect={false}
                comboboxProps={{ withinPortal: false }}
              />
            )}
            {def && <ValueInput def={def} op={op} value={value} onChange={setValue} />}
            <Button
              size="xs"
              onClick={apply}
              disabled={!def || (op !== 'exists' && !value.trim())}
              aria-label="Apply filter"
            >
              Apply
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
      {conds.length > 0 && (
        <Button size="xs" variant="subtle" color="gray" onClick={() => onChange([])}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
