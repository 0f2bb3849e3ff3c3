import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconWorld } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { applyApiErrors } from '../../api/form-errors';
import { FormError } from '../../components/form-error';
import { createSite, type Site, sitesQuery } from './api';
import { notify } from './notify';
import { slugify } from './use-site';

/** The tenant has no site yet: name it and pick its handle (the path segment of its public address). */
export function SiteCreateForm({ first, onCreated }: { first: boolean; onCreated: (site: Site) => void }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const form = useForm({
    initialValues: { name: '', handle: '' },
    validate: {
      name: (v) => (v.trim() ? null : 'Give the site a name'),
      handle: (v) =>
        /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/.test(v) ? null : 'Lowercase letters, digits and dashes',
    },
  });
  const submit = form.onSubmit(async (values) => {
    setError(undefined);
    try {
      const site = await createSite({ name: values.name.trim(), handle: values.handle, isPrimary: first });
      notify({ message: `${site.name} was created`, color: 'teal' });
      await queryClient.invalidateQueries({ queryKey: sitesQuery.queryKey });
      onCreated(site);
    } catch (err) {
      setError(applyApiErrors(form, err));
    }
  });
  return (
    <Card withBorder padding="lg" maw={560}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Group gap="xs">
            <IconWorld size={22} aria-hidden />
            <Title order={2} size="h4">
              {first ? 'Create your website' : 'New site'}
            </Title>
          </Group>
          {first && (
            <Text size="sm" c="dimmed">
              Pages, blog posts and media live in a site. The first site is the tenant's primary site, served
              at /sites/&lt;tenant&gt;/ and on its custom domains.
            </Text>
          )}
          <FormError message={error} />
          <TextInput
            label="Site name"
            required
            {...form.getInputProps('name')}
            onChange={(e) => {
              const name = e.currentTarget.value;
              if (!form.isTouched('handle')) form.setFieldValue('handle', slugify(name).slice(0, 40));
              form.setFieldValue('name', name);
            }}
          />
          <TextInput
            label="Handle"
            description="Used in addresses; lowercase"
            required
            {...form.getInputProps('handle')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting}>
              Create site
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
