import { AuthPlaceholder } from './auth-placeholder';

export function SignupPage() {
  return (
    <AuthPlaceholder
      title="Create your account"
      description="Sign up with your e-mail address; you get a tenant of your own."
    />
  );
}
