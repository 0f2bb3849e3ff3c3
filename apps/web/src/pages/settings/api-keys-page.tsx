import { IconKey } from '@tabler/icons-react';
import { PlaceholderPage } from '../../components/placeholder-page';

export function ApiKeysPage() {
  return (
    <PlaceholderPage
      title="API keys"
      description="Keys for servers and scripts that call the API on behalf of this tenant."
      icon={<IconKey size={28} aria-hidden />}
    />
  );
}
