import { Badge, Code, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { BlockChange, ContentDiff, FieldChange } from './api';
import { BLOCK_DEFS } from './block-defs';

const COLORS: Record<string, string> = { added: 'teal', removed: 'red', changed: 'yellow', moved: 'blue' };

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  excerpt: 'Excerpt',
  coverMediaId: 'Cover image',
  'seo.title': 'SEO title',
  'seo.description': 'Meta description',
  'seo.canonicalUrl': 'Canonical URL',
  'seo.ogImageMediaId': 'OpenGraph image',
};

function BeforeAfter({ before, after }: { before: string | null; after: string | null }) {
  return (
    <SimpleGrid cols={2} spacing="xs">
      <div>
        <Text size="xs" c="dimmed">
          Before
        </Text>
        <Code block c="red.8" style={{ whiteSpace: 'pre-wrap' }}>
          {before || '—'}
        </Code>
      </div>
      <div>
        <Text size="xs" c="dimmed">
          After
        </Text>
        <Code block c="teal.8" style={{ whiteSpace: 'pre-wrap' }}>
          {after || '—'}
        </Code>
      </div>
    </SimpleGrid>
  );
}

function fieldKind(f: FieldChange) {
  if (f.before === null) return 'added';
  if (f.after === null) return 'removed';
  return 'changed';
}

function blockName(b: BlockChange) {
  const label = BLOCK_DEFS[b.type as keyof typeof BLOCK_DEFS]?.label ?? b.type;
  const at = b.toIndex ?? b.fromIndex;
  return `${label} block${at !== null ? ` ${at + 1}` : ''}`;
}

/** A readable diff: changed page fields and blocks (added, removed, changed, moved) with before and after. */
export function DiffView({ diff }: { diff: ContentDiff | undefined }) {
  if (!diff) return null;
  if (!diff.changed)
    return (
      <Text size="sm" c="dimmed">
        No differences.
      </Text>
    );
  const s = diff.summary;
  return (
    <Stack gap="xs" aria-label="Changes">
      <Text size="xs" c="dimmed">
        {diff.from.live ? 'Live version' : `Revision ${diff.from.number ?? '—'}`} → revision {diff.to.number}:{' '}
        {diff.fields.length} field{diff.fields.length === 1 ? '' : 's'}, blocks {s.added} added, {s.removed}{' '}
        removed, {s.changed} changed, {s.moved} moved
      </Text>
      {diff.fields.map((f) => {
        const kind = fieldKind(f);
        return (
          <Paper key={f.field} withBorder p="xs">
            <Group gap="xs" mb={4}>
              <Badge size="xs" color={COLORS[kind]} variant="light">
                {kind}
              </Badge>
              <Text size="sm" fw={500}>
                {FIELD_LABELS[f.field] ?? f.field}
              </Text>
            </Group>
            <BeforeAfter before={f.before} after={f.after} />
          </Paper>
        );
      })}
      {diff.blocks.map((b) => (
        <Paper key={`${b.blockId}-${b.change}`} withBorder p="xs">
          <Group gap="xs" mb={4}>
            <Badge size="xs" color={COLORS[b.change] ?? 'gray'} variant="light">
              {b.change}
            </Badge>
            <Text size="sm" fw={500}>
              {blockName(b)}
            </Text>
            {b.change === 'moved' && b.fromIndex !== null && b.toIndex !== null && (
              <Text size="xs" c="dimmed">
                position {b.fromIndex + 1} → {b.toIndex + 1}
              </Text>
            )}
            {b.change === 'changed' && b.fields.length > 0 && (
              <Text size="xs" c="dimmed">
                ({b.fields.join(', ')})
              </Text>
            )}
          </Group>
          {b.change === 'moved' ? (
            <Text size="sm">{b.after ?? b.before}</Text>
          ) : (
            <BeforeAfter before={b.before} after={b.after} />
          )}
        </Paper>
      ))}
    </Stack>
  );
}
