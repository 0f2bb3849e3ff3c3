import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { applyApiErrors } from '../../api/form-errors';
import { FormError } from '../../components/form-error';
import { clientsQuery } from './identity-api';

/** An agency opens a client tenant (name, optional slug); its creator gets admin access. */
export function ClientCreateDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string>();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { name: '', slug: '' },
    validate: {
      name: (v) => (v.trim() ? null : 'Give the client a name'),
      slug: (v) =>
        !v || /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(v) ? null : 'Lower-case letters, digits and dashes',
    },
  });
  const create = useMutation({
    mutationFn: (v: { name: string; slug: string }) =>
      unwrap(
        api.POST('/api/brain/identity/clients', {
          body: { name: v.name.trim(), ...(v.slug ? { slug: v.slug } : {}) },
        }),
      ),
    onSuccess: async (client) => {
      notifications.show({ message: `${client.name} was created; you are its admin`, color: 'teal' });
      form.reset();
      onClose();
      // The new access shows up in the session's memberships (tenant switcher, Open button).
      await queryClient.invalidateQueries({ queryKey: clientsQuery.queryKey });
      await queryClient.invalidateQueries({ queryKey: ['auth', 'me'] });
    },
    onError: (err) => setFormError(applyApiErrors(form, err)),
  });
  return (
    <Modal opened={opened} onClose={onClose} title="New client" centered>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setFormError(undefined);
          create.mutate(v);
        })}
      >
        <Stack>
          <FormError message={formError} title="The client was not created" />
          <TextInput
            label="Name"
            required
            data-autofocus
            key={form.key('name')}
            {...form.getInputProps('name')}
          />
          <TextInput
            label="Slug"
            description="Optional: a short name for addresses; made from the name when empty."
            key={form.key('slug')}
            {...form.getInputProps('slug')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create client
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
