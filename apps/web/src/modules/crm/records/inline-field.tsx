import {
  ActionIcon,
  Badge,
  Group,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { IconCheck, IconPencil, IconX } from '@tabler/icons-react';
import { type ReactNode, useId, useState } from 'react';
import { errorMessage } from '../../../api/errors';
import { fieldErrorsOf } from '../../../api/form-errors';

export type InlineKind = 'text' | 'number' | 'date' | 'select' | 'tags' | 'user';
type Value = string | string[] | number | null | undefined;

export interface InlineFieldProps {
  label: string;
  kind?: InlineKind;
  value: Value;
  /** Select options (for select and user). */
  options?: { value: string; label: string }[] | string[];
  /** How the value reads when not editing (defaults to the value itself). */
  display?: ReactNode;
  /** Saves the new value (null clears it); throwing keeps the editor open with the reason. */
  onSave?: (value: string | string[] | number | null) => Promise<unknown>;
  placeholder?: string;
}

function toDraft(kind: InlineKind, v: Value): string | string[] {
  if (kind === 'tags') return Array.isArray(v) ? v : v ? [String(v)] : [];
  if (v === null || v === undefined) return '';
  return kind === 'date' ? String(v).slice(0, 10) : String(v);
}

function shown(kind: InlineKind, v: Value, options: InlineFieldProps['options']): ReactNode {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0))
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  if (kind === 'tags' && Array.isArray(v))
    return (
      <Group gap={4}>
        {v.map((t) => (
          <Badge key={t} size="sm" variant="outline" tt="none">
            {t}
          </Badge>
        ))}
      </Group>
    );
  const opt = (options ?? []).find((o) => (typeof o === 'string' ? o : o.value) === v);
  const label = opt ? (typeof opt === 'string' ? opt : opt.label) : String(v);
  return <Text size="sm">{label}</Text>;
}

/** A labelled value that turns into an editor on click: Enter or ✓ saves, Escape or ✕ cancels. */
export function InlineField({
  label,
  kind = 'text',
  value,
  options,
  display,
  onSave,
  placeholder,
}: InlineFieldProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<string | string[]>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const valueId = useId();

  const start = () => {
    setDraft(toDraft(kind, value));
    setError(undefined);
    setEditing(true);
  };
  const save = async () => {
    if (!onSave) return;
    setBusy(true);
    setError(undefined);
    try {
      let v: string | string[] | number | null = draft;
      if (typeof draft === 'string') {
        const t = draft.trim();
        v = t === '' ? null : kind === 'number' ? Number(t) : t;
      }
      await onSave(v);
      setEditing(false);
    } catch (err) {
      const fields = Object.values(fieldErrorsOf(err));
      setError(fields[0] ?? errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const keys = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') setEditing(false);
    if (e.key === 'Enter' && kind !== 'tags') save();
  };

  const shownValue =
    typeof display === 'string' ? <Text size="sm">{display}</Text> : (display ?? shown(kind, value, options));
  // The button is named "Edit <label>"; its current value is read as the description.
  const described = <div id={valueId}>{shownValue}</div>;
  if (!editing)
    return (
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start" className="crm-inline-field">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Text size="xs" c="dimmed" fw={500}>
            {label}
          </Text>
          {onSave ? (
            <UnstyledButton
              onClick={start}
              aria-label={`Edit ${label}`}
              aria-describedby={valueId}
              style={{ minWidth: 0 }}
            >
              {described}
            </UnstyledButton>
          ) : (
            described
          )}
        </Stack>
        {onSave && (
          <ActionIcon variant="subtle" color="gray" size="sm" onClick={start} aria-hidden tabIndex={-1}>
            <IconPencil size={14} />
          </ActionIcon>
        )}
      </Group>
    );

  const common = { label, error, size: 'xs' as const, onKeyDown: keys, autoFocus: true, placeholder };
  const data = (options ?? []) as { value: string; label: string }[];
  return (
    <Group gap={4} align="flex-end" wrap="nowrap">
      <div style={{ flex: 1 }}>
        {kind === 'tags' ? (
          <TagsInput {...common} value={draft as string[]} onChange={setDraft} />
        ) : kind === 'select' || kind === 'user' ? (
          <Select
            {...common}
            data={data}
            value={(draft as string) || null}
            onChange={(v) => setDraft(v ?? '')}
            clearable
            searchable
          />
        ) : (
          <TextInput
            {...common}
            type={kind === 'number' ? 'number' : kind === 'date' ? 'date' : 'text'}
            value={draft as string}
            onChange={(e) => setDraft(e.currentTarget.value)}
          />
        )}
      </div>
      <ActionIcon
        onClick={save}
        loading={busy}
        aria-label={`Save ${label}`}
        variant="filled"
        mb={error ? 22 : 2}
      >
        <IconCheck size={14} />
      </ActionIcon>
      <ActionIcon onClick={() => setEditing(false)} aria-label="Cancel" variant="default" mb={error ? 22 : 2}>
        <IconX size={14} />
      </ActionIcon>
    </Group>
  );
}
