import { Anchor, Breadcrumbs, Grid, Stack, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useCan } from '../../auth/session';
import {
  type Block,
  type PageContent,
  type PageDetail,
  previewLink,
  publishPage,
  saveDraft,
  unpublishPage,
} from './api';
import { BLOCK_ORDER, cleanBlock } from './block-defs';
import { BlockList } from './block-list';
import { type EditorErrors, editorErrors } from './editor-errors';
import { EditorHeader } from './editor-header';
import { notify } from './notify';
import { PageSettingsPanel } from './page-settings-panel';
import { RevisionsDrawer } from './revisions-drawer';
import { ScheduleDialog } from './schedule-dialog';
import { cleanSeo, SeoPanel } from './seo-panel';
import { UnpublishDialog } from './unpublish-dialog';
import { UnsavedGuard } from './unsaved-guard';

const normalise = (c: PageContent): PageContent => {
  const out: PageContent = {
    title: c.title.trim(),
    blocks: (c.blocks ?? []).map((b) => cleanBlock(b)),
    seo: cleanSeo(c.seo ?? {}),
  };
  if (c.excerpt?.trim()) out.excerpt = c.excerpt.trim();
  if (c.coverMediaId) out.coverMediaId = c.coverMediaId;
  return out;
};

const initialContent = (page: PageDetail): PageContent => ({
  title: page.content?.title ?? page.title,
  blocks: page.content?.blocks ?? [],
  seo: page.content?.seo ?? {},
  ...(page.content?.excerpt ? { excerpt: page.content.excerpt } : {}),
  ...(page.content?.coverMediaId ? { coverMediaId: page.content.coverMediaId } : {}),
});

/** The editor of one page: title, blocks, SEO, page settings; save, preview, publish, schedule, history. */
export function PageEditor({ page: initial }: { page: PageDetail }) {
  const queryClient = useQueryClient();
  const canWrite = useCan('cms:write');
  const [page, setPage] = useState(initial);
  const [content, setContent] = useState<PageContent>(() => initialContent(initial));
  const [saved, setSaved] = useState(() => JSON.stringify(normalise(initialContent(initial))));
  const [errors, setErrors] = useState<EditorErrors>({ blocks: {}, fields: {} });
  const [busy, setBusy] = useState<null | 'save' | 'publish' | 'preview' | 'unpublish'>(null);
  const [history, setHistory] = useState(false);
  const [scheduling, setScheduling] = useState(false);
  const [unpublishing, setUnpublishing] = useState(false);
  const body = useMemo(() => normalise(content), [content]);
  const dirty = JSON.stringify(body) !== saved;

  const accept = async (p: PageDetail) => {
    setPage(p);
    queryClient.setQueryData(['cms', 'page', p.id], p);
    await queryClient.invalidateQueries({ queryKey: ['cms', 'pages'] });
    await queryClient.invalidateQueries({ queryKey: ['cms', 'revisions', p.id] });
  };

  /** Saves the draft when it changed; false when the hub refused it (errors are shown on the blocks). */
  const save = async (quiet = false): Promise<boolean> => {
    if (!dirty) return true;
    try {
      const p = await saveDraft(page.id, body);
      setSaved(JSON.stringify(body));
      setErrors({ blocks: {}, fields: {} });
      await accept(p);
      if (!quiet) notify({ message: 'Draft saved', color: 'teal' });
      return true;
    } catch (err) {
      const e = editorErrors(err, content);
      setErrors(e);
      const count = Object.keys(e.blocks).length + Object.keys(e.fields).length;
      notify({
        title: 'The draft was not saved',
        message: count ? `${count} thing${count > 1 ? 's' : ''} to fix, marked in red` : errorMessage(err),
        color: 'red',
      });
      return false;
    }
  };

  const run = async (what: NonNullable<typeof busy>, fn: () => Promise<unknown>) => {
    setBusy(what);
    try {
      await fn();
    } finally {
      setBusy(null);
    }
  };

  const onSave = () => run('save', () => save());
  const onPublish = () =>
    run('publish', async () => {
      if (!(await save(true))) return;
      try {
        await accept(await publishPage(page.id));
        notify({ message: `${body.title} is live`, color: 'teal' });
      } catch (err) {
        notify({ title: 'Not published', message: errorMessage(err), color: 'red' });
      }
    });
  const onUnpublish = (descendants: boolean) =>
    run('unpublish', async () => {
      try {
        const { unpublishedDescendants: more, ...rest } = await unpublishPage(page.id, descendants);
        await accept(rest as PageDetail);
        setUnpublishing(false);
        notify({
          message: `${body.title}${more ? ` and ${more} ${more === 1 ? 'page' : 'pages'} below it are` : ' is'} no longer public`,
          color: 'teal',
        });
      } catch (err) {
        notify({ title: 'Not unpublished', message: errorMessage(err), color: 'red' });
      }
    });
  const onPreview = () => {
    // Opened now, inside the click, so popup blockers let it through; pointed at the link when it exists.
    const tab = window.open('about:blank', '_blank');
    return run('preview', async () => {
      try {
        if (!(await save(true))) throw new Error('Fix the draft first');
        const { url } = await previewLink(page.id);
        if (tab) tab.location.href = url;
        else window.open(url, '_blank');
      } catch (err) {
        tab?.close();
        notify({ title: 'No preview', message: errorMessage(err), color: 'red' });
      }
    });
  };

  useHotkeys([['mod+S', () => canWrite && void onSave()]], [], true);

  return (
    <>
      <UnsavedGuard dirty={dirty && canWrite} />
      <Breadcrumbs mb="xs" fz="sm">
        <Anchor component={Link} to="/content">
          Content
        </Anchor>
        <span>{page.kind === 'post' ? 'Posts' : 'Pages'}</span>
        <span>{page.path}</span>
      </Breadcrumbs>
      <EditorHeader
        page={page}
        title={body.title || page.title}
        dirty={dirty}
        busy={busy}
        canWrite={canWrite}
        onSave={onSave}
        onPublish={onPublish}
        onUnpublish={() => setUnpublishing(true)}
        onPreview={onPreview}
        onSchedule={() => setScheduling(true)}
        onHistory={() => setHistory(true)}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          {/* Viewers read: a disabled fieldset turns every control of the blocks off. */}
          <fieldset disabled={!canWrite} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
            <Stack gap="md">
              <TextInput
                label="Title"
                size="md"
                value={content.title}
                error={errors.fields.title}
                readOnly={!canWrite}
                onChange={(e) => setContent({ ...content, title: e.currentTarget.value })}
              />
              <BlockList
                label="Page blocks"
                blocks={content.blocks}
                types={BLOCK_ORDER}
                errors={errors.blocks}
                onChange={(blocks: Block[]) => setContent({ ...content, blocks })}
              />
            </Stack>
          </fieldset>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <PageSettingsPanel page={page} canWrite={canWrite} />
            <fieldset disabled={!canWrite} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
              <SeoPanel content={content} kind={page.kind} errors={errors.fields} onChange={setContent} />
            </fieldset>
          </Stack>
        </Grid.Col>
      </Grid>
      <ScheduleDialog page={page} opened={scheduling} onClose={() => setScheduling(false)} onSaved={accept} />
      <UnpublishDialog
        page={page}
        opened={unpublishing}
        busy={busy === 'unpublish'}
        onClose={() => setUnpublishing(false)}
        onConfirm={onUnpublish}
      />
      <RevisionsDrawer
        page={page}
        opened={history}
        onClose={() => setHistory(false)}
        canWrite={canWrite}
        onRestored={async (p) => {
          setContent(initialContent(p));
          setSaved(JSON.stringify(normalise(initialContent(p))));
          await accept(p);
        }}
      />
    </>
  );
}
