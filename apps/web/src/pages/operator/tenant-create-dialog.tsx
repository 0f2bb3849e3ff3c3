import { Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { applyApiErrors } from '../../api/form-errors';
import { FormError } from '../../components/form-error';

interface Values {
  name: string;
  slug: string;
  kind: 'agency' | 'business';
  parentId: string | null;
}

/** An operator creates an agency, or a business under an agency. */
export function TenantCreateDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string>();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { name: '', slug: '', kind: 'agency', parentId: null },
    validate: {
      name: (v) => (v.trim() ? null : 'Give the tenant a name'),
      slug: (v) =>
        !v || /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(v) ? null : 'Lower-case letters, digits and dashes',
      parentId: (v, all) =>
        all.kind === 'business' && !v ? 'Choose the agency this business belongs to' : null,
    },
  });
  const agencies = useQuery({
    queryKey: ['operator', 'tenants', { kind: 'agency', all: true }],
    queryFn: () =>
      unwrap(
        api.GET('/api/brain/identity/operator/tenants', {
          params: { query: { kind: 'agency', limit: 200 } },
        }),
      ),
    enabled: opened && form.getValues().kind === 'business',
  });

  const create = useMutation({
    mutationFn: (v: Values) =>
      unwrap(
        api.POST('/api/brain/identity/operator/tenants', {
          body: {
            name: v.name.trim(),
            kind: v.kind,
            ...(v.slug ? { slug: v.slug } : {}),
            ...(v.kind === 'business' && v.parentId ? { parentId: v.parentId } : {}),
          },
        }),
      ),
    onSuccess: async (t) => {
      notifications.show({ message: `${t.name} (${t.kind}) was created`, color: 'teal' });
      close();
      await queryClient.invalidateQueries({ queryKey: ['operator', 'tenants'] });
    },
    onError: (err) => setFormError(applyApiErrors(form, err)),
  });

  const close = () => {
    form.reset();
    setFormError(undefined);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title="New tenant" centered>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setFormError(undefined);
          create.mutate(v);
        })}
      >
        <Stack>
          <FormError message={formError} title="The tenant was not created" />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="tenant-kind-label">
              Kind
            </Text>
            <SegmentedControl
              aria-labelledby="tenant-kind-label"
              data={[
                { value: 'agency', label: 'Agency' },
                { value: 'business', label: 'Business under an agency' },
              ]}
              {...form.getInputProps('kind')}
            />
          </Stack>
          <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
          <TextInput
            label="Slug"
            description="Optional; made from the name when empty."
            {...form.getInputProps('slug')}
          />
          {form.getValues().kind === 'business' && (
            <Select
              label="Agency"
              required
              searchable
              placeholder={agencies.isPending ? 'Loading agencies…' : 'Choose an agency'}
              data={(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
              nothingFoundMessage="No agency by that name; create the agency first"
              {...form.getInputProps('parentId')}
            />
          )}
          <Text size="xs" c="dimmed">
            The tenant starts without members. Open it as operator to invite its first owner.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create tenant
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
