import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { applyApiErrors } from '../../api/form-errors';
import { FormError } from '../../components/form-error';
import { createPage, type PageKind, type PageSummary } from './api';
import { notify } from './notify';
import { slugify } from './use-site';

export interface PageCreateDialogProps {
  siteId: string;
  kind: PageKind | null;
  pages: PageSummary[];
  parentId?: string | null;
  onClose: () => void;
}

/** New page (with its place in the tree) or new post; opens the editor on the new draft. */
export function PageCreateDialog({ siteId, kind, pages, parentId, onClose }: PageCreateDialogProps) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const form = useForm({
    initialValues: { title: '', slug: '', parentId: '' },
    validate: {
      title: (v) => (v.trim() ? null : 'Give it a title'),
      slug: (v, values) =>
        v === '' && kind === 'page' && !values.parentId && !pages.some((p) => p.slug === '' && !p.parentId)
          ? null
          : /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(v)
            ? null
            : 'Lowercase letters, digits and dashes',
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the dialog opens
  useEffect(() => {
    if (kind) {
      form.setValues({ title: '', slug: '', parentId: parentId ?? '' });
      form.resetDirty();
      form.resetTouched();
      setError(undefined);
    }
  }, [kind, parentId]);

  const submit = form.onSubmit(async (values) => {
    if (!kind) return;
    setError(undefined);
    try {
      const title = values.title.trim();
      const page = await createPage({
        siteId,
        kind,
        parentId: kind === 'page' && values.parentId ? values.parentId : null,
        slug: values.slug,
        title,
        content: { title, blocks: [], seo: {} },
      });
      await queryClient.invalidateQueries({ queryKey: ['cms', 'pages', siteId] });
      notify({ message: `${title} was created as a draft`, color: 'teal' });
      onClose();
      await navigate({ to: '/content/pages/$id', params: { id: page.id } });
    } catch (err) {
      setError(applyApiErrors(form, err));
    }
  });

  const noHome = !pages.some((p) => p.kind === 'page' && p.slug === '' && !p.parentId);
  const parents = pages
    .filter((p) => p.kind === 'page')
    .map((p) => ({ value: p.id, label: `${p.title} (${p.path})` }));
  return (
    <Modal
      opened={kind !== null}
      onClose={onClose}
      title={kind === 'post' ? 'New post' : 'New page'}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={error} />
          <TextInput
            label="Title"
            required
            data-autofocus
            {...form.getInputProps('title')}
            onChange={(e) => {
              const title = e.currentTarget.value;
              form.setFieldValue('title', title);
              if (!form.isTouched('slug')) form.setFieldValue('slug', slugify(title));
            }}
          />
          <TextInput
            label="Slug"
            description={
              kind === 'post'
                ? 'The post is served at /blog/<slug>'
                : noHome && !form.values.parentId
                  ? 'The last part of the address; leave it empty for the home page (/)'
                  : 'The last part of the address'
            }
            {...form.getInputProps('slug')}
          />
          {kind === 'page' && (
            <Select
              label="Parent page"
              placeholder="None (top level)"
              clearable
              searchable
              data={parents}
              {...form.getInputProps('parentId')}
              onChange={(v) => form.setFieldValue('parentId', v ?? '')}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Create {kind === 'post' ? 'post' : 'page'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
