import { Divider, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type CrmEntity, customFieldsQuery } from './crm-api';
import { InlineField, type InlineKind } from './inline-field';
import { customPatch } from './record-api';

const KIND: Record<string, InlineKind> = {
  text: 'text',
  number: 'number',
  date: 'date',
  select: 'select',
  multiselect: 'tags',
};

/** The tenant's custom fields of this record kind, each editable in place. */
export function CustomFieldsSection({
  entity,
  values,
  onPatch,
}: {
  entity: CrmEntity;
  values: Record<string, unknown>;
  onPatch?: (body: Record<string, unknown>) => Promise<unknown>;
}) {
  const fields = useQuery(customFieldsQuery(entity));
  const items = fields.data?.items ?? [];
  if (!items.length) return null;
  return (
    <>
      <Divider label="Custom fields" labelPosition="left" />
      <Stack gap="sm">
        {items.map((f) => (
          <InlineField
            key={f.id}
            label={f.label}
            kind={KIND[f.type] ?? 'text'}
            value={values[f.key] as string | string[] | number | null}
            options={f.options}
            onSave={onPatch && ((v) => onPatch(customPatch(f.key, v)))}
          />
        ))}
        {items.some((f) => f.required) && (
          <Text size="xs" c="dimmed">
            Some custom fields are required by your team.
          </Text>
        )}
      </Stack>
    </>
  );
}
