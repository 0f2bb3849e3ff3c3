import { ActionIcon, Card, Group, Select, Switch, TagsInput, TextInput, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import {
  CUSTOM_TARGET,
  FIELD_TYPES,
  type FieldType,
  LEAD_TARGETS,
  slugKey,
  targetOfKey,
} from './form-fields';
import type { FormFieldDef } from './tools-api';

const TARGETS = [
  ...LEAD_TARGETS.map(({ value, label }) => ({ value, label })),
  { value: CUSTOM_TARGET, label: 'Custom value on the lead' },
];

/** One field of the form: label, type, where it goes on the lead, required, options. */
export function FormFieldEditor({
  field,
  index,
  count,
  otherKeys,
  saved,
  onChange,
  onMove,
  onRemove,
}: {
  field: FormFieldDef;
  index: number;
  count: number;
  otherKeys: string[];
  /** The field is stored with this key already: renaming it keeps the key (and the lead data under it). */
  saved: boolean;
  onChange: (f: FormFieldDef) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const target = targetOfKey(field.key);
  const n = index + 1;
  const setLabel = (label: string) =>
    onChange({
      ...field,
      label,
      key: target === CUSTOM_TARGET && !saved ? slugKey(label || 'field', otherKeys) : field.key,
    });
  const setTarget = (t: string | null) => {
    if (!t || t === target) return;
    if (t === CUSTOM_TARGET) return onChange({ ...field, key: slugKey(field.label || 'field', otherKeys) });
    const def = LEAD_TARGETS.find((x) => x.value === t)!;
    const type: FieldType =
      def.type === 'text' ? (field.type === 'textarea' ? 'textarea' : 'text') : def.type;
    onChange({ ...field, key: t, type });
  };
  return (
    <Card withBorder padding="sm" data-testid={`form-field-${n}`}>
      <Group align="flex-end" gap="xs" wrap="wrap">
        <TextInput
          label={`Field ${n} label`}
          value={field.label}
          onChange={(e) => setLabel(e.currentTarget.value)}
          style={{ flex: '2 1 12rem' }}
          required
        />
        <Select
          label="Type"
          aria-label={`Field ${n} type`}
          data={FIELD_TYPES}
          value={field.type}
          allowDeselect={false}
          onChange={(v) => v && onChange({ ...field, type: v as FieldType })}
          style={{ flex: '1 1 8rem' }}
        />
        <Select
          label="Saved as"
          aria-label={`Field ${n} saved as`}
          data={TARGETS}
          value={target}
          allowDeselect={false}
          onChange={setTarget}
          style={{ flex: '1 1 11rem' }}
        />
      </Group>
      <Group mt="xs" justify="space-between" wrap="wrap" gap="xs">
        <Group gap="md">
          <Switch
            label="Required"
            aria-label={`Field ${n} required`}
            checked={field.required}
            onChange={(e) => onChange({ ...field, required: e.currentTarget.checked })}
          />
          {target === CUSTOM_TARGET && (
            <TextInput
              size="xs"
              aria-label={`Field ${n} key`}
              leftSection={<span style={{ fontSize: 11 }}>key</span>}
              value={field.key}
              onChange={(e) => onChange({ ...field, key: e.currentTarget.value })}
              w={190}
            />
          )}
        </Group>
        <Group gap={4}>
          <Tooltip label="Move up">
            <ActionIcon
              variant="subtle"
              aria-label={`Move field ${n} up`}
              disabled={index === 0}
              onClick={() => onMove(index - 1)}
            >
              <IconArrowUp size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Move down">
            <ActionIcon
              variant="subtle"
              aria-label={`Move field ${n} down`}
              disabled={index === count - 1}
              onClick={() => onMove(index + 1)}
            >
              <IconArrowDown size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Remove">
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove field ${n}`}
              disabled={count === 1}
              onClick={onRemove}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      {field.type === 'select' && (
        <TagsInput
          mt="xs"
          label="Options"
          aria-label={`Field ${n} options`}
          placeholder="Type an option and press Enter"
          value={field.options}
          onChange={(options) => onChange({ ...field, options })}
        />
      )}
    </Card>
  );
}
