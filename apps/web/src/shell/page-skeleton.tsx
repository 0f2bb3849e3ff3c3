import { SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { CardSkeleton } from '../components/card-skeleton';

/** While a page's code or data loads. */
export function PageSkeleton() {
  return (
    <Stack gap="lg" aria-busy="true" aria-label="Loading page">
      <Skeleton height={28} width={220} />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <CardSkeleton />
        <CardSkeleton />
        <CardSkeleton />
      </SimpleGrid>
    </Stack>
  );
}
