import { IconMail } from '@tabler/icons-react';
import { PlaceholderPage } from '../../components/placeholder-page';

export function OperatorMailPage() {
  return (
    <PlaceholderPage
      title="Mail"
      description="The mail outbox: what the platform sent or keeps for sending."
      icon={<IconMail size={28} aria-hidden />}
    />
  );
}
