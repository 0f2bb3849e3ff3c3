import { IconFileText } from '@tabler/icons-react';
import { PlaceholderPage } from '../../components/placeholder-page';
import { contentNav } from './nav';

/** Content's first page. Replace the placeholder; add more pages beside this file (see README). */
export function ContentHomePage() {
  return (
    <PlaceholderPage
      title={contentNav.label}
      description={contentNav.description}
      icon={<IconFileText size={28} aria-hidden />}
    />
  );
}
