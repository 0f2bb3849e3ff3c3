import { AuthPlaceholder } from './auth-placeholder';

export function AcceptInvitationPage() {
  return <AuthPlaceholder title="Accept the invitation" description="Join the tenant you were invited to." />;
}
