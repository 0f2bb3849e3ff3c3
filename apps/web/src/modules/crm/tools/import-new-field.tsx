import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { customFieldsQuery, type ImportEntity } from './tools-api';

const TYPES = [
  { value: 'text', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'date', label: 'Date (YYYY-MM-DD)' },
];

/** `Lead score (old)` → `lead_score_old`: the hub's custom field key rule. */
export function fieldKey(label: string): string {
  const k = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  return /^[a-z]/.test(k) ? k : `f_${k}`.slice(0, 40).replace(/_+$/, '');
}

/** Defines a custom field from the mapping step (as HubSpot's "create a property"), then maps the column to it. */
export function ImportNewField({
  entity,
  column,
  onCreated,
  onClose,
}: {
  entity: ImportEntity;
  column: string;
  onCreated: (target: string) => void;
  onClose: () => void;
}) {
  const [label, setLabel] = useState(column);
  const [type, setType] = useState<'text' | 'number' | 'date'>('text');
  const key = fieldKey(label);
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/brain/crm/custom-fields', { body: { entity, key, label: label.trim(), type } })),
    onSuccess: async (f) => {
      await queryClient.invalidateQueries({ queryKey: customFieldsQuery(entity).queryKey });
      onCreated(`custom.${f.key}`);
    },
  });
  return (
    <Modal opened onClose={onClose} title={`New custom field for ${column}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="Field name"
            description={`Stored as custom.${key}`}
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
            required
            maxLength={100}
            data-autofocus
          />
          <Select
            label="Type"
            data={TYPES}
            value={type}
            allowDeselect={false}
            onChange={(v) => v && setType(v as typeof type)}
          />
          {create.isError && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(create.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!label.trim()}>
              Create field
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
