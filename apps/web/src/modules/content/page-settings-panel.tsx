import { Button, Card, Group, MultiSelect, Stack, TagsInput, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { fieldErrorsOf } from '../../api/form-errors';
import { categoriesQuery, createCategory, type PageDetail, patchPage } from './api';
import { notify } from './notify';
import { slugify } from './use-site';

/** Slug, tags and (posts) categories: page-level fields saved at once, outside the draft. */
export function PageSettingsPanel({ page, canWrite }: { page: PageDetail; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const [slug, setSlug] = useState(page.slug);
  const [tags, setTags] = useState<string[]>(page.tags ?? []);
  const [categoryIds, setCategoryIds] = useState<string[]>((page.categories ?? []).map((c) => c.id));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const categories = useQuery({ ...categoriesQuery(page.siteId), enabled: page.kind === 'post' });
  const isHome = page.kind === 'page' && page.slug === '' && !page.parentId;

  const save = async () => {
    setBusy(true);
    setErrors({});
    try {
      const body = {
        ...(isHome ? {} : { slug }),
        tags,
        ...(page.kind === 'post' ? { categoryIds } : {}),
      };
      const updated = await patchPage(page.id, body);
      queryClient.setQueryData(['cms', 'page', page.id], (old: PageDetail | undefined) =>
        old ? { ...old, ...updated } : updated,
      );
      await queryClient.invalidateQueries({ queryKey: ['cms', 'pages'] });
      notify({ message: 'Page settings saved', color: 'teal' });
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      if (!Object.keys(fields).length)
        notify({ title: 'Not saved', message: errorMessage(err), color: 'red' });
    } finally {
      setBusy(false);
    }
  };

  const addCategory = async (name: string) => {
    try {
      const c = await createCategory(page.siteId, { name, slug: slugify(name) });
      await queryClient.invalidateQueries({ queryKey: ['cms', 'categories', page.siteId] });
      setCategoryIds((ids) => [...ids, c.id]);
    } catch (err) {
      notify({ title: 'Category not created', message: errorMessage(err), color: 'red' });
    }
  };

  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={2} size="h5">
          Page settings
        </Title>
        <TextInput
          label="Slug"
          description={isHome ? 'The home page has no slug' : `Address: ${page.path}`}
          value={slug}
          disabled={isHome || !canWrite}
          error={errors.slug}
          onChange={(e) => setSlug(e.currentTarget.value)}
        />
        <TagsInput
          label="Tags"
          value={tags}
          onChange={setTags}
          error={errors.tags}
          disabled={!canWrite}
          clearable
        />
        {page.kind === 'post' && (
          <>
            <MultiSelect
              label="Categories"
              data={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={categoryIds}
              onChange={setCategoryIds}
              error={errors.categoryIds}
              searchable
              disabled={!canWrite}
            />
            {canWrite && <NewCategory onAdd={addCategory} />}
          </>
        )}
        {canWrite && (
          <Group justify="flex-end">
            <Button variant="light" onClick={save} loading={busy}>
              Save settings
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function NewCategory({ onAdd }: { onAdd: (name: string) => Promise<void> }) {
  const [name, setName] = useState('');
  return (
    <Group gap="xs" align="flex-end">
      <TextInput
        size="xs"
        label="New category"
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        style={{ flex: 1 }}
      />
      <Button
        size="xs"
        variant="default"
        disabled={!name.trim()}
        onClick={async () => {
          await onAdd(name.trim());
          setName('');
        }}
      >
        Add
      </Button>
    </Group>
  );
}
