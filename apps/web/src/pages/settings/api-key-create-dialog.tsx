import { Alert, Button, Checkbox, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { applyApiErrors } from '../../api/form-errors';
import { FormError } from '../../components/form-error';
import { SCOPE_MODULES, type Scope } from './api-key-scopes';
import { ApiKeySecret } from './api-key-secret';
import { apiKeysQuery, type CreatedApiKey } from './identity-api';

const today = () => new Date().toISOString().slice(0, 10);

/** Name, scopes (read/write per module) and an optional expiry; then the key, shown this once. */
export function ApiKeyCreateDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string>();
  const [created, setCreated] = useState<CreatedApiKey>();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', scopes: [] as Scope[], expiresAt: '' },
    validate: {
      name: (v) => (v.trim() ? null : 'Name the key after what uses it, e.g. "Website sync"'),
      scopes: (v) => (v.length ? null : 'Choose at least one scope'),
      expiresAt: (v) => (!v || v > today() ? null : 'Choose a day after today'),
    },
  });

  const create = useMutation({
    mutationFn: (v: { name: string; scopes: Scope[]; expiresAt: string }) =>
      unwrap(
        api.POST('/api/brain/identity/api-keys', {
          body: {
            name: v.name.trim(),
            scopes: v.scopes,
            // The end of the chosen day, in the browser's time zone.
            ...(v.expiresAt ? { expiresAt: new Date(`${v.expiresAt}T23:59:59`).toISOString() } : {}),
          },
        }),
      ),
    onSuccess: (key) => {
      setCreated(key);
      return queryClient.invalidateQueries({ queryKey: apiKeysQuery.queryKey });
    },
    onError: (err) => setFormError(applyApiErrors(form, err)),
  });

  const close = () => {
    setCreated(undefined);
    setFormError(undefined);
    form.reset();
    onClose();
  };

  const toggle = (scope: Scope, on: boolean) => {
    const rest = form.getValues().scopes.filter((s) => s !== scope);
    // Write implies read: ticking write ticks read, unticking read unticks write.
    const [mod, level] = scope.split(':') as [string, 'read' | 'write'];
    let next = on ? [...rest, scope] : rest;
    if (on && level === 'write' && !next.includes(`${mod}:read` as Scope)) next.push(`${mod}:read` as Scope);
    if (!on && level === 'read') next = next.filter((s) => s !== `${mod}:write`);
    form.setFieldValue('scopes', next);
  };
  const scopes = form.getValues().scopes;

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? 'Your new API key' : 'New API key'}
      size="lg"
      centered
      closeOnClickOutside={!created}
    >
      {created ? (
        <ApiKeySecret created={created} onDone={close} />
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((v) => {
            setFormError(undefined);
            create.mutate(v);
          })}
        >
          <Stack>
            <FormError message={formError} title="The key was not created" />
            <TextInput
              label="Name"
              required
              data-autofocus
              key={form.key('name')}
              {...form.getInputProps('name')}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                Scopes
              </Text>
              <Text size="xs" c="dimmed">
                What the key may do. Write includes read.
              </Text>
              <Table.ScrollContainer minWidth={340}>
                <Table verticalSpacing={4} aria-label="Scopes">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Module</Table.Th>
                      <Table.Th w={70}>Read</Table.Th>
                      <Table.Th w={70}>Write</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {SCOPE_MODULES.map((m) => (
                      <Table.Tr key={m.id}>
                        <Table.Td>
                          <Text size="sm">{m.label}</Text>
                          <Text size="xs" c="dimmed">
                            {m.hint}
                          </Text>
                        </Table.Td>
                        {(['read', 'write'] as const).map((level) => {
                          const scope = `${m.id}:${level}` as Scope;
                          return (
                            <Table.Td key={level}>
                              <Checkbox
                                aria-label={`${m.label} ${level}`}
                                checked={scopes.includes(scope)}
                                onChange={(e) => toggle(scope, e.currentTarget.checked)}
                              />
                            </Table.Td>
                          );
                        })}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {form.errors.scopes && (
                <Text size="xs" c="red" role="alert">
                  {form.errors.scopes}
                </Text>
              )}
            </Stack>
            <TextInput
              label="Expires on"
              description="Optional. Without a date the key works until it is revoked."
              type="date"
              min={today()}
              w={{ base: '100%', xs: 220 }}
              key={form.key('expiresAt')}
              {...form.getInputProps('expiresAt')}
            />
            <Alert variant="light" color="blue">
              The key is shown once, right after you create it. Keep it somewhere safe.
            </Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create key
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
