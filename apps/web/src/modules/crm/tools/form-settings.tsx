import { Button, Card, Divider, Select, Stack, Switch, Textarea, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { FormFieldEditor } from './form-field-editor';
import { slugKey } from './form-fields';
import type { FormDraft } from './form-preview';
import { type FormFieldDef, memberNamesQuery } from './tools-api';

const DEFAULT_CONSENT = 'I agree to be contacted about my enquiry and accept the privacy policy.';

/** The builder's left column: name, active, fields, consent and thank-you message. */
export function FormSettings({
  draft,
  savedKeys,
  onChange,
}: {
  draft: FormDraft;
  /** Keys of the saved form's fields. */
  savedKeys: string[];
  onChange: (d: FormDraft) => void;
}) {
  const members = useQuery(memberNamesQuery);
  const set = (patch: Partial<FormDraft>) => onChange({ ...draft, ...patch });
  const setField = (i: number, f: FormFieldDef) =>
    set({ fields: draft.fields.map((x, j) => (j === i ? f : x)) });
  const move = (from: number, to: number) => {
    const fields = [...draft.fields];
    const [f] = fields.splice(from, 1);
    fields.splice(to, 0, f!);
    set({ fields });
  };
  const add = () =>
    set({
      fields: [
        ...draft.fields,
        {
          key: slugKey(
            'new field',
            draft.fields.map((f) => f.key),
          ),
          label: 'New field',
          type: 'text',
          required: false,
          options: [],
        },
      ],
    });
  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <TextInput
          label="Form name"
          value={draft.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          required
        />
        <Switch
          label="Active: accepts submissions"
          checked={draft.active}
          onChange={(e) => set({ active: e.currentTarget.checked })}
        />
        <Divider />
        <Title order={2} size="h5">
          Fields
        </Title>
        {draft.fields.map((f, i) => (
          <FormFieldEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: fields are edited in place and moved by index
            key={i}
            field={f}
            index={i}
            count={draft.fields.length}
            otherKeys={draft.fields.filter((_, j) => j !== i).map((x) => x.key)}
            saved={savedKeys.includes(f.key)}
            onChange={(nf) => setField(i, nf)}
            onMove={(to) => move(i, to)}
            onRemove={() => set({ fields: draft.fields.filter((_, j) => j !== i) })}
          />
        ))}
        <Button
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={add}
          disabled={draft.fields.length >= 50}
          style={{ alignSelf: 'flex-start' }}
        >
          Add field
        </Button>
        <Divider />
        <Switch
          label="Ask for consent (a required checkbox)"
          checked={draft.consentText !== null}
          onChange={(e) => set({ consentText: e.currentTarget.checked ? DEFAULT_CONSENT : null })}
        />
        {draft.consentText !== null && (
          <Textarea
            label="Consent checkbox text"
            autosize
            minRows={2}
            maxLength={2000}
            value={draft.consentText}
            onChange={(e) => set({ consentText: e.currentTarget.value })}
          />
        )}
        <Select
          label="Notify"
          description="Who gets an e-mail for each submission."
          placeholder="The tenant's owners"
          clearable
          data={[...(members.data ?? new Map())].map(([value, label]) => ({ value, label }))}
          value={draft.notifyUserId}
          onChange={(v) => set({ notifyUserId: v })}
        />
        <Textarea
          label="Thank-you message"
          description="Shown in place of the form once it is sent."
          autosize
          minRows={2}
          maxLength={2000}
          value={draft.thankYou}
          onChange={(e) => set({ thankYou: e.currentTarget.value })}
          required
        />
      </Stack>
    </Card>
  );
}
