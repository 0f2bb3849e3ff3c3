import { Anchor, type AnchorProps } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import type { CrmEntity } from './crm-api';

const PATHS = {
  contact: '/crm/contacts/$id',
  company: '/crm/companies/$id',
  lead: '/crm/leads/$id',
  deal: '/crm/deals/$id',
} as const;

/** A link to a record page, styled as a Mantine Anchor. */
export function RecordLink({
  entity,
  id,
  children,
  onMouseDown,
  ...anchor
}: AnchorProps & {
  entity: CrmEntity;
  id: string;
  children: ReactNode;
  onMouseDown?: (e: React.MouseEvent) => void;
}) {
  return (
    <Anchor
      {...anchor}
      renderRoot={(props) => <Link {...props} to={PATHS[entity]} params={{ id }} onMouseDown={onMouseDown} />}
    >
      {children}
    </Anchor>
  );
}
