/** Why single sign-on failed (`/signin?sso_error=<code>`, see the hub's oidc.ts). */
export const SSO_ERRORS: Record<string, string> = {
  access_denied: 'You cancelled the sign-in at the provider.',
  provider_error: 'The sign-in provider reported an error. Try again, or sign in with your password.',
  provider_unavailable: 'The sign-in provider could not be reached. Try again in a moment.',
  invalid_state: 'That sign-in attempt expired or was already used. Start again.',
  exchange_failed: 'The sign-in provider did not confirm who you are. Try again.',
  email_missing: 'The sign-in provider did not share your e-mail address, so we cannot find your account.',
  email_not_verified:
    'Your e-mail address is not verified at the sign-in provider. Verify it there, or sign in with your password.',
  account_disabled: 'This account is disabled. Ask your administrator.',
  rate_limited: 'Too many sign-in attempts. Wait a minute and try again.',
  server_error: 'Something went wrong on our side. Try again, or sign in with your password.',
};

export function ssoErrorMessage(code: string): string {
  return SSO_ERRORS[code] ?? SSO_ERRORS.server_error!;
}
