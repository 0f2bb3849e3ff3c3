import { IconUsers } from '@tabler/icons-react';
import { PlaceholderPage } from '../../components/placeholder-page';

export function MembersPage() {
  return (
    <PlaceholderPage
      title="Members"
      description="People in this tenant, their roles, and invitations."
      icon={<IconUsers size={28} aria-hidden />}
    />
  );
}
