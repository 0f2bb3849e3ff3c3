import { Card, Skeleton, Stack } from '@mantine/core';

/** A card-shaped placeholder while its data loads. */
export function CardSkeleton({ lines = 3 }: { lines?: number }) {
  return (
    <Card withBorder padding="lg" aria-busy="true" aria-label="Loading">
      <Stack gap="sm">
        <Skeleton height={14} width="40%" />
        {Array.from({ length: lines }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
          <Skeleton key={i} height={10} width={`${90 - i * 15}%`} />
        ))}
      </Stack>
    </Card>
  );
}
