import { Button, Card, Group, Select, Tabs, Text } from '@mantine/core';
import { IconFilePlus, IconPhoto, IconPlus, IconSettings, IconSitemap } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useCan } from '../../auth/session';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeleton } from '../../components/table-skeleton';
import { type PageKind, type PageSummary, pagesQuery } from './api';
import { PageCreateDialog } from './page-create-dialog';
import { PageDeleteDialog } from './page-delete-dialog';
import { PageMoveDialog } from './page-move-dialog';
import { PageTree } from './page-tree';
import { PostsList } from './posts-list';
import { SiteCreateForm } from './site-create-form';
import { useSite } from './use-site';

/** /content: the tenant's site, its page tree and its blog posts. */
export function ContentHomePage() {
  const canWrite = useCan('cms:write');
  const { sites, list, site, select } = useSite();
  const [tab, setTab] = useState<string | null>('pages');
  const [creating, setCreating] = useState<{ kind: PageKind; parentId?: string | null } | null>(null);
  const [moving, setMoving] = useState<PageSummary | null>(null);
  const [deleting, setDeleting] = useState<PageSummary | null>(null);
  const [newSite, setNewSite] = useState(false);
  const pages = useQuery({ ...pagesQuery(site?.id ?? '', { kind: 'page' }), enabled: !!site });

  const actions = (
    <>
      <Button
        component={Link}
        to="/content/media"
        variant="default"
        leftSection={<IconPhoto size={16} aria-hidden />}
      >
        Media
      </Button>
      {site && (
        <Button
          component={Link}
          to="/content/settings"
          variant="default"
          leftSection={<IconSettings size={16} aria-hidden />}
        >
          Site settings
        </Button>
      )}
      {site && canWrite && (
        <>
          <Button
            variant="light"
            leftSection={<IconFilePlus size={16} aria-hidden />}
            onClick={() => setCreating({ kind: 'post' })}
          >
            New post
          </Button>
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setCreating({ kind: 'page' })}
          >
            New page
          </Button>
        </>
      )}
    </>
  );

  if (sites.isPending) return <TableSkeleton />;
  if (sites.isError) return <QueryError error={sites.error} onRetry={() => sites.refetch()} />;

  return (
    <>
      <PageHeader
        title="Content"
        description="Your website's pages and blog posts: drafts, publishing and the page tree."
        actions={actions}
      />
      {!site || newSite ? (
        canWrite ? (
          <SiteCreateForm
            first={!site}
            onCreated={(s) => {
              select(s.id);
              setNewSite(false);
            }}
          />
        ) : (
          <EmptyState
            title="No website yet"
            description="Ask an admin of this tenant to create the website."
          />
        )
      ) : (
        <>
          <Group mb="md" gap="sm">
            {list.length > 1 && (
              <Select
                aria-label="Site"
                data={list.map((s) => ({ value: s.id, label: s.name }))}
                value={site.id}
                onChange={(v) => v && select(v)}
                allowDeselect={false}
                w={240}
              />
            )}
            <Text size="sm" c="dimmed">
              {site.name} · handle <code>{site.handle}</code>
              {site.isPrimary ? ' · primary site' : ''}
            </Text>
            {canWrite && (
              <Button size="compact-sm" variant="subtle" onClick={() => setNewSite(true)}>
                Add a site
              </Button>
            )}
          </Group>
          <Tabs value={tab} onChange={setTab}>
            <Tabs.List mb="md">
              <Tabs.Tab value="pages" leftSection={<IconSitemap size={14} aria-hidden />}>
                Pages
              </Tabs.Tab>
              <Tabs.Tab value="posts" leftSection={<IconFilePlus size={14} aria-hidden />}>
                Posts
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="pages">
              <Card withBorder padding="md">
                {pages.isPending ? (
                  <TableSkeleton />
                ) : pages.isError ? (
                  <QueryError error={pages.error} onRetry={() => pages.refetch()} />
                ) : pages.data.length === 0 ? (
                  <EmptyState
                    icon={<IconSitemap size={28} aria-hidden />}
                    title="No pages yet"
                    description="Start with the home page, then add pages under it. Drag pages to reorder them."
                    action={
                      canWrite && (
                        <Button onClick={() => setCreating({ kind: 'page' })}>Create the first page</Button>
                      )
                    }
                  />
                ) : (
                  <PageTree
                    pages={pages.data}
                    onAddChild={(p) => setCreating({ kind: 'page', parentId: p.id })}
                    onMove={setMoving}
                    onDelete={setDeleting}
                  />
                )}
              </Card>
            </Tabs.Panel>
            <Tabs.Panel value="posts">
              <Card withBorder padding="md">
                {tab === 'posts' && (
                  <PostsList
                    siteId={site.id}
                    action={
                      canWrite && <Button onClick={() => setCreating({ kind: 'post' })}>Write a post</Button>
                    }
                  />
                )}
              </Card>
            </Tabs.Panel>
          </Tabs>
          <PageCreateDialog
            siteId={site.id}
            kind={creating?.kind ?? null}
            parentId={creating?.parentId}
            pages={pages.data ?? []}
            onClose={() => setCreating(null)}
          />
          <PageMoveDialog page={moving} pages={pages.data ?? []} onClose={() => setMoving(null)} />
          <PageDeleteDialog page={deleting} onClose={() => setDeleting(null)} />
        </>
      )}
    </>
  );
}
