import { Button, Group, Menu, Stack, Text, Title } from '@mantine/core';
import {
  IconCalendarTime,
  IconChevronDown,
  IconDeviceFloppy,
  IconEye,
  IconHistory,
  IconRocket,
  IconWorldOff,
} from '@tabler/icons-react';
import { formatDateTime, formatRelative } from '../../components/format';
import type { PageDetail } from './api';
import { StatusBadges } from './status-badge';

export interface EditorHeaderProps {
  page: PageDetail;
  title: string;
  dirty: boolean;
  busy: null | 'save' | 'publish' | 'preview' | 'unpublish';
  canWrite: boolean;
  onSave: () => void;
  onPublish: () => void;
  onUnpublish: () => void;
  onPreview: () => void;
  onSchedule: () => void;
  onHistory: () => void;
}

/** What state the page is in, in words. */
export function statusLine(page: PageDetail, dirty: boolean): string {
  const parts: string[] = [];
  if (page.status === 'published')
    parts.push(
      page.hasUnpublishedChanges
        ? `Live since ${formatDateTime(page.publishedAt)}; the saved draft has changes that are not live yet`
        : `Live since ${formatDateTime(page.publishedAt)}`,
    );
  else if (page.status === 'unpublished') parts.push('Unpublished: not on the public site');
  else parts.push('Draft: never published');
  if (page.publishAt) parts.push(`publishes ${formatDateTime(page.publishAt)}`);
  if (page.unpublishAt) parts.push(`unpublishes ${formatDateTime(page.unpublishAt)}`);
  parts.push(dirty ? 'unsaved changes' : `saved ${formatRelative(page.updatedAt)}`);
  return parts.join(' · ');
}

/** The editor's title, status line and actions (save, preview, publish, schedule, history). */
export function EditorHeader(p: EditorHeaderProps) {
  const { page, busy, canWrite } = p;
  return (
    <Group justify="space-between" align="flex-start" mb="lg" gap="sm">
      <Stack gap={4} style={{ flex: '1 1 18rem' }}>
        <Group gap="sm">
          <Title order={1} size="h2">
            {p.title}
          </Title>
          <StatusBadges page={page} />
        </Group>
        <Text size="sm" c={p.dirty ? 'orange' : 'dimmed'} data-testid="editor-status" aria-live="polite">
          {statusLine(page, p.dirty)}
        </Text>
      </Stack>
      <Group gap="xs">
        <Button variant="default" leftSection={<IconHistory size={16} aria-hidden />} onClick={p.onHistory}>
          History
        </Button>
        <Button
          variant="default"
          leftSection={<IconEye size={16} aria-hidden />}
          onClick={p.onPreview}
          loading={busy === 'preview'}
          disabled={!canWrite}
        >
          Preview
        </Button>
        {canWrite && (
          <>
            <Button
              variant="light"
              leftSection={<IconDeviceFloppy size={16} aria-hidden />}
              onClick={p.onSave}
              loading={busy === 'save'}
              disabled={!p.dirty || busy !== null}
            >
              Save draft
            </Button>
            <Group gap={0} wrap="nowrap">
              <Button
                leftSection={<IconRocket size={16} aria-hidden />}
                onClick={p.onPublish}
                loading={busy === 'publish'}
                disabled={
                  busy !== null || (page.status === 'published' && !page.hasUnpublishedChanges && !p.dirty)
                }
                style={{ borderTopRightRadius: 0, borderBottomRightRadius: 0 }}
              >
                Publish
              </Button>
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button
                    px={8}
                    aria-label="More publishing options"
                    style={{
                      borderTopLeftRadius: 0,
                      borderBottomLeftRadius: 0,
                      borderLeft: '1px solid rgba(255,255,255,.4)',
                    }}
                  >
                    <IconChevronDown size={16} aria-hidden />
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item leftSection={<IconCalendarTime size={14} aria-hidden />} onClick={p.onSchedule}>
                    Schedule…
                  </Menu.Item>
                  <Menu.Item
                    leftSection={<IconWorldOff size={14} aria-hidden />}
                    color="red"
                    disabled={page.status !== 'published'}
                    onClick={p.onUnpublish}
                  >
                    Unpublish
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          </>
        )}
      </Group>
    </Group>
  );
}
