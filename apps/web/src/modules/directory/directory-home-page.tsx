import { IconMapPin } from '@tabler/icons-react';
import { PlaceholderPage } from '../../components/placeholder-page';
import { directoryNav } from './nav';

/** Directory's first page. Replace the placeholder; add more pages beside this file (see README). */
export function DirectoryHomePage() {
  return (
    <PlaceholderPage
      title={directoryNav.label}
      description={directoryNav.description}
      icon={<IconMapPin size={28} aria-hidden />}
    />
  );
}
