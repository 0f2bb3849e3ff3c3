import { IconAddressBook, IconBuilding, IconUserSearch } from '@tabler/icons-react';
import { RecordsTablePage } from './records-table-page';

export function ContactsPage() {
  return (
    <RecordsTablePage
      entity="contact"
      title="Contacts"
      description="The people you do business with: search, filter on any field, save views, update many at once."
      icon={<IconAddressBook size={28} aria-hidden />}
    />
  );
}

export function CompaniesPage() {
  return (
    <RecordsTablePage
      entity="company"
      title="Companies"
      description="The organisations your contacts and deals belong to."
      icon={<IconBuilding size={28} aria-hidden />}
    />
  );
}

export function LeadsPage() {
  return (
    <RecordsTablePage
      entity="lead"
      title="Leads"
      description="Prospects not yet qualified, with their score: green is hot, yellow warm, red cold."
      icon={<IconUserSearch size={28} aria-hidden />}
    />
  );
}
