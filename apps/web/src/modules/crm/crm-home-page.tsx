import { IconAddressBook } from '@tabler/icons-react';
import { PlaceholderPage } from '../../components/placeholder-page';
import { crmNav } from './nav';

/** CRM's first page. Replace the placeholder; add more pages beside this file (see README). */
export function CrmHomePage() {
  return (
    <PlaceholderPage
      title={crmNav.label}
      description={crmNav.description}
      icon={<IconAddressBook size={28} aria-hidden />}
    />
  );
}
