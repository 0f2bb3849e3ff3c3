import { IconListDetails } from '@tabler/icons-react';
import { PlaceholderPage } from '../../components/placeholder-page';

export function AuditLogPage() {
  return (
    <PlaceholderPage
      title="Audit log"
      description="Who did what in this tenant, and when."
      icon={<IconListDetails size={28} aria-hidden />}
    />
  );
}
