import { Skeleton, Stack } from '@mantine/core';

/** Rows of placeholders while a table's data loads. */
export function TableSkeleton({ rows = 4 }: { rows?: number }) {
  return (
    <Stack gap="xs" aria-busy="true" aria-label="Loading" py="xs">
      <Skeleton height={14} width="30%" />
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <Skeleton key={i} height={32} />
      ))}
    </Stack>
  );
}
