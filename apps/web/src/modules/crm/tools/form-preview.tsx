import { Badge, Group, Paper, Text } from '@mantine/core';
import { type CSSProperties, type FormEvent, useState } from 'react';
import type { FormFieldDef } from './tools-api';

export interface FormDraft {
  name: string;
  fields: FormFieldDef[];
  consentText: string | null;
  thankYou: string;
  active: boolean;
  notifyUserId: string | null;
}

const box: CSSProperties = {
  width: '100%',
  boxSizing: 'border-box',
  padding: '8px 10px',
  border: '1px solid #ced4da',
  borderRadius: 6,
  font: 'inherit',
  background: '#fff',
  color: '#212529',
};

function Control({ f, id }: { f: FormFieldDef; id: string }) {
  if (f.type === 'textarea')
    return <textarea id={id} name={f.key} rows={4} required={f.required} style={box} />;
  if (f.type === 'select')
    return (
      <select id={id} name={f.key} required={f.required} style={box}>
        <option value="" />
        {f.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  if (f.type === 'checkbox')
    return <input type="checkbox" id={id} name={f.key} value="true" required={f.required} />;
  const type = f.type === 'email' ? 'email' : f.type === 'phone' ? 'tel' : 'text';
  return <input type={type} id={id} name={f.key} required={f.required} style={box} />;
}

/**
 * The form as the embed snippet renders it on a website (same fields, order, required marks,
 * consent checkbox and thank-you message), drawn from the unsaved draft. Nothing is sent.
 */
export function FormPreview({ draft }: { draft: FormDraft }) {
  const [sent, setSent] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSent(true);
  };
  return (
    <Paper withBorder radius="md" p="lg" bg="#fff" c="#212529" aria-label="Live preview" role="region">
      <Group justify="space-between" mb="sm">
        <Text fw={700} size="lg" c="#212529">
          {draft.name || 'Untitled form'}
        </Text>
        {!draft.active && (
          <Badge color="gray" variant="light">
            inactive: not accepting submissions
          </Badge>
        )}
      </Group>
      <form
        onSubmit={submit}
        style={{ fontFamily: 'system-ui, sans-serif', fontSize: 15 }}
        data-testid="form-preview"
      >
        {draft.fields.map((f, i) => {
          const id = `preview-${i}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: columns are identified by position (names may repeat)
            <p key={`${i}-${f.key}`} style={{ margin: '0 0 12px' }}>
              {f.type === 'checkbox' ? (
                <label htmlFor={id} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
                  <Control f={f} id={id} />
                  {f.label}
                  {f.required ? ' *' : ''}
                </label>
              ) : (
                <>
                  <label htmlFor={id} style={{ display: 'block', marginBottom: 4 }}>
                    {f.label}
                    {f.required ? ' *' : ''}
                  </label>
                  <Control f={f} id={id} />
                </>
              )}
            </p>
          );
        })}
        {draft.consentText && (
          <p style={{ margin: '0 0 12px' }}>
            <label style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
              <input type="checkbox" name="consent" value="true" required style={{ marginTop: 4 }} />
              <span>{draft.consentText}</span>
            </label>
          </p>
        )}
        <button
          type="submit"
          style={{
            padding: '8px 18px',
            borderRadius: 6,
            border: 0,
            background: '#228be6',
            color: '#fff',
            font: 'inherit',
            cursor: 'pointer',
          }}
        >
          Send
        </button>
        <p role="status" style={{ margin: '12px 0 0', minHeight: '1.4em' }}>
          {sent ? draft.thankYou : ''}
        </p>
      </form>
      <Text size="xs" c="dimmed" mt="xs">
        Preview: sending here only shows the thank-you message; nothing is stored.
      </Text>
    </Paper>
  );
}
