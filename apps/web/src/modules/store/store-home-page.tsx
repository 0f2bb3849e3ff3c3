import { IconShoppingCart } from '@tabler/icons-react';
import { PlaceholderPage } from '../../components/placeholder-page';
import { storeNav } from './nav';

/** Store's first page. Replace the placeholder; add more pages beside this file (see README). */
export function StoreHomePage() {
  return (
    <PlaceholderPage
      title={storeNav.label}
      description={storeNav.description}
      icon={<IconShoppingCart size={28} aria-hidden />}
    />
  );
}
