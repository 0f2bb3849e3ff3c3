import { IconBuildingCommunity } from '@tabler/icons-react';
import { PlaceholderPage } from '../../components/placeholder-page';

export function OperatorTenantsPage() {
  return (
    <PlaceholderPage
      title="Tenants"
      description="Every tenant on the platform: search, suspend and reactivate."
      icon={<IconBuildingCommunity size={28} aria-hidden />}
    />
  );
}
