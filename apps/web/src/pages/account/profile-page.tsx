import { IconUserCircle } from '@tabler/icons-react';
import { PlaceholderPage } from '../../components/placeholder-page';

export function ProfilePage() {
  return (
    <PlaceholderPage
      title="Your profile"
      description="Your name, e-mail address, password and active sessions."
      icon={<IconUserCircle size={28} aria-hidden />}
    />
  );
}
