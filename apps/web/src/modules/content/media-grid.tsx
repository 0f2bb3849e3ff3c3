import { AspectRatio, Card, Image, SimpleGrid, Text, UnstyledButton } from '@mantine/core';
import { IconFile } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { type Media, thumbUrl } from './api';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A thumbnail (the smallest fitting variant) or a file icon for non-images. */
export function MediaThumb({ media, height }: { media: Media; height?: number }) {
  if (!media.mime.startsWith('image/'))
    return (
      <AspectRatio ratio={4 / 3}>
        <IconFile size={40} aria-hidden />
      </AspectRatio>
    );
  return (
    <AspectRatio ratio={4 / 3} mah={height}>
      <Image src={thumbUrl(media)} alt={media.alt} fit="cover" loading="lazy" />
    </AspectRatio>
  );
}

/** Media as cards: click to open (library) or choose (picker); `footer` adds per-item controls. */
export function MediaGrid({
  items,
  selected,
  onPick,
  footer,
}: {
  items: Media[];
  selected?: string | null;
  onPick: (m: Media) => void;
  footer?: (m: Media) => ReactNode;
}) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 4, lg: 5 }} spacing="sm">
      {items.map((m) => (
        <Card
          key={m.id}
          withBorder
          padding={0}
          data-testid={`media-${m.filename}`}
          style={selected === m.id ? { outline: '2px solid var(--mantine-primary-color-filled)' } : undefined}
        >
          <UnstyledButton onClick={() => onPick(m)} aria-label={`${m.filename}${m.alt ? `: ${m.alt}` : ''}`}>
            <MediaThumb media={m} />
          </UnstyledButton>
          <Card.Section px="xs" py={6} inheritPadding>
            <Text size="xs" fw={500} truncate>
              {m.filename}
            </Text>
            <Text size="xs" c="dimmed">
              {m.width && m.height ? `${m.width}×${m.height} · ` : ''}
              {formatBytes(m.size)}
            </Text>
            {footer?.(m)}
          </Card.Section>
        </Card>
      ))}
    </SimpleGrid>
  );
}
