import { Badge, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconNews, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state';
import { formatDateTime } from '../../components/format';
import { QueryError } from '../../components/query-error';
import { TableSkeleton } from '../../components/table-skeleton';
import { type PageFilter, pageQuery, pagesQuery } from './api';
import { PageLink } from './page-link';
import { StatusBadges } from './status-badge';

/** The site's blog posts: search, status filter, categories and tags. */
export function PostsList({ siteId, action }: { siteId: string; action: React.ReactNode }) {
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<PageFilter['status'] | null>(null);
  const [debounced] = useDebouncedValue(q, 250);
  const posts = useQuery({
    ...pagesQuery(siteId, { kind: 'post', q: debounced, status: status ?? undefined }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Group mb="sm" gap="sm">
        <TextInput
          aria-label="Search posts"
          placeholder="Search posts"
          leftSection={<IconSearch size={14} aria-hidden />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={260}
        />
        <Select
          aria-label="Status"
          placeholder="Any status"
          clearable
          w={180}
          value={status}
          onChange={(v) => setStatus(v as PageFilter['status'] | null)}
          data={[
            { value: 'draft', label: 'Draft' },
            { value: 'published', label: 'Published' },
            { value: 'unpublished', label: 'Unpublished' },
          ]}
        />
      </Group>
      {posts.isPending ? (
        <TableSkeleton />
      ) : posts.isError ? (
        <QueryError error={posts.error} onRetry={() => posts.refetch()} />
      ) : posts.data.length === 0 ? (
        <EmptyState
          icon={<IconNews size={28} aria-hidden />}
          title={q || status ? 'No posts match' : 'No posts yet'}
          description={q || status ? 'Try another search or status.' : 'Write the first post of the blog.'}
          action={q || status ? undefined : action}
        />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" highlightOnHover aria-label="Posts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Title</Table.Th>
                <Table.Th>Categories and tags</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Published</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {posts.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <PageLink id={p.id} fw={500} size="sm">
                      {p.title}
                    </PageLink>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {p.path}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <PostTaxonomy id={p.id} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadges page={p} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(p.publishedAt)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}

/** A post's categories and tags (the list route leaves them out; each row reads its post, cached for the editor). */
function PostTaxonomy({ id }: { id: string }) {
  const post = useQuery({ ...pageQuery(id), staleTime: 60_000 });
  if (!post.data) return null;
  return (
    <Group gap={4}>
      {post.data.categories.map((c) => (
        <Badge key={c.id} size="xs" variant="light" tt="none">
          {c.name}
        </Badge>
      ))}
      {post.data.tags.map((t) => (
        <Badge key={t} size="xs" variant="outline" color="gray" tt="none">
          #{t}
        </Badge>
      ))}
    </Group>
  );
}
