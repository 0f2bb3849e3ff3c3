import { AuthPlaceholder } from './auth-placeholder';

export function ForgotPasswordPage() {
  return <AuthPlaceholder title="Forgot your password?" description="We send a link to choose a new one." />;
}
