import { Anchor, type AnchorProps } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';

/** A link to the editor of a page, styled as a Mantine Anchor. */
export function PageLink({ id, children, ...anchor }: AnchorProps & { id: string; children: ReactNode }) {
  return (
    <Anchor {...anchor} renderRoot={(props) => <Link {...props} to="/content/pages/$id" params={{ id }} />}>
      {children}
    </Anchor>
  );
}
