import { IconServer } from '@tabler/icons-react';
import { PlaceholderPage } from '../../components/placeholder-page';

export function OperatorSystemPage() {
  return (
    <PlaceholderPage
      title="System"
      description="Health of the database, cache and worker; versions of the modules."
      icon={<IconServer size={28} aria-hidden />}
    />
  );
}
