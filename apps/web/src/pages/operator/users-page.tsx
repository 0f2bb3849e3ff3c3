import { IconUserSearch } from '@tabler/icons-react';
import { PlaceholderPage } from '../../components/placeholder-page';

export function OperatorUsersPage() {
  return (
    <PlaceholderPage
      title="Users"
      description="Every user account on the platform."
      icon={<IconUserSearch size={28} aria-hidden />}
    />
  );
}
