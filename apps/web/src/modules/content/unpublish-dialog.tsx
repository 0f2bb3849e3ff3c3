import { Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { type PageDetail, pagesQuery } from './api';

/** Live pages anywhere below `pageId` in the site's tree. */
function liveBelow(items: { id: string; parentId: string | null; status: string }[], pageId: string) {
  const children = new Map<string, string[]>();
  for (const p of items)
    if (p.parentId) children.set(p.parentId, [...(children.get(p.parentId) ?? []), p.id]);
  const status = new Map(items.map((p) => [p.id, p.status]));
  let live = 0;
  const todo = [...(children.get(pageId) ?? [])];
  while (todo.length) {
    const id = todo.pop() as string;
    if (status.get(id) === 'published') live++;
    todo.push(...(children.get(id) ?? []));
  }
  return live;
}

/**
 * Unpublishing asks first. When live pages sit below this one, it offers to take them down too
 * (as Wagtail does); left unticked they stay on the site at their own addresses.
 */
export function UnpublishDialog(p: {
  page: PageDetail;
  opened: boolean;
  busy: boolean;
  onClose: () => void;
  onConfirm: (descendants: boolean) => void;
}) {
  const pages = useQuery({
    ...pagesQuery(p.page.siteId, { kind: 'page' }),
    enabled: p.opened && p.page.kind === 'page',
  });
  const below = pages.data ? liveBelow(pages.data, p.page.id) : 0;
  const [descendants, setDescendants] = useState(false);
  useEffect(() => {
    if (p.opened) setDescendants(false);
  }, [p.opened]);
  return (
    <Modal opened={p.opened} onClose={p.onClose} title={`Unpublish ${p.page.title}?`} centered>
      <Stack>
        <Text size="sm">
          {p.page.path} leaves the public site and its search. The draft and the revisions stay; publish again
          to bring it back.
        </Text>
        {below > 0 && (
          <Checkbox
            checked={descendants}
            onChange={(e) => setDescendants(e.currentTarget.checked)}
            label={`Also unpublish the ${below} live ${below === 1 ? 'page' : 'pages'} below it`}
            description="Left unticked, they stay live at their own addresses."
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={p.onClose} disabled={p.busy}>
            Cancel
          </Button>
          <Button color="red" onClick={() => p.onConfirm(descendants)} loading={p.busy} data-autofocus>
            Unpublish
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
