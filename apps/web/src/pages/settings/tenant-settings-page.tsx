import { IconBuildingStore } from '@tabler/icons-react';
import { PlaceholderPage } from '../../components/placeholder-page';

export function TenantSettingsPage() {
  return (
    <PlaceholderPage
      title="Tenant settings"
      description="The name, address and preferences of this tenant."
      icon={<IconBuildingStore size={28} aria-hidden />}
    />
  );
}
