import { AuthPlaceholder } from './auth-placeholder';

export function ResetPasswordPage() {
  return (
    <AuthPlaceholder
      title="Choose a new password"
      description="Follow the link from the mail to set a new password."
    />
  );
}
