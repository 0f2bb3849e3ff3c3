import {
  Button,
  Card,
  ColorInput,
  Group,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { applyApiErrors } from '../../api/form-errors';
import { FormError } from '../../components/form-error';
import { type Site, updateSite } from './api';
import { MediaField } from './media-picker';
import { notify } from './notify';

const COLOR_DEFAULTS = { primary: '#1c7ed6', accent: '#f76707', background: '#ffffff', text: '#212529' };

/** Name, tagline, footer, logo and colours of a site. */
export function SiteGeneralCard({ site, canWrite }: { site: Site; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const form = useForm({
    initialValues: {
      name: site.name,
      tagline: site.settings?.tagline ?? '',
      description: site.settings?.description ?? '',
      footer: site.settings?.footer ?? '',
      logoMediaId: site.theme?.logoMediaId ?? '',
      colors: { ...COLOR_DEFAULTS, ...(site.theme?.colors ?? {}) },
    },
  });
  const submit = form.onSubmit(async (v) => {
    setError(undefined);
    try {
      await updateSite(site.id, {
        name: v.name,
        settings: { ...site.settings, tagline: v.tagline, description: v.description, footer: v.footer },
        theme: {
          ...site.theme,
          colors: v.colors,
          ...(v.logoMediaId ? { logoMediaId: v.logoMediaId } : { logoMediaId: undefined }),
        },
      });
      await queryClient.invalidateQueries({ queryKey: ['cms', 'site', site.id] });
      await queryClient.invalidateQueries({ queryKey: ['cms', 'sites'] });
      notify({ message: 'Site settings saved', color: 'teal' });
    } catch (err) {
      setError(applyApiErrors(form, err, { 'theme.colors.primary': 'colors.primary' }));
    }
  });
  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h4">
            Name and theme
          </Title>
          <FormError message={error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Site name" required readOnly={!canWrite} {...form.getInputProps('name')} />
            <TextInput label="Tagline" readOnly={!canWrite} {...form.getInputProps('tagline')} />
          </SimpleGrid>
          <Textarea
            label="Description"
            autosize
            minRows={2}
            readOnly={!canWrite}
            {...form.getInputProps('description')}
          />
          <TextInput label="Footer text" readOnly={!canWrite} {...form.getInputProps('footer')} />
          <MediaField
            label="Logo"
            value={form.values.logoMediaId || undefined}
            onChange={(m) => form.setFieldValue('logoMediaId', m?.id ?? '')}
          />
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {(['primary', 'accent', 'background', 'text'] as const).map((c) => (
              <ColorInput
                key={c}
                label={`${c[0]!.toUpperCase()}${c.slice(1)} colour`}
                format="hex"
                readOnly={!canWrite}
                {...form.getInputProps(`colors.${c}`)}
              />
            ))}
          </SimpleGrid>
          {canWrite && (
            <Group justify="flex-end">
              <Button type="submit" loading={form.submitting}>
                Save site settings
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Card>
  );
}
