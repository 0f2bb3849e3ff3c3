import { Badge } from '@mantine/core';
import { IconHammer } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { EmptyState } from './empty-state';
import { PageHeader } from './page-header';

/** A page that is routed and guarded but not built yet. */
export function PlaceholderPage({
  title,
  description,
  icon,
}: {
  title: string;
  description: string;
  icon?: ReactNode;
}) {
  return (
    <>
      <PageHeader
        title={title}
        description={description}
        actions={<Badge variant="light">Coming soon</Badge>}
      />
      <EmptyState
        icon={icon ?? <IconHammer size={28} aria-hidden />}
        title={`${title} is coming soon`}
        description="This part of the console is being built. Until then, everything it will show is available through the API (see /docs)."
      />
    </>
  );
}
