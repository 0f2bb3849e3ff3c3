import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck, IconLinkOff } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import { applyApiErrors } from '../../api/form-errors';
import { FormError } from '../../components/form-error';
import { AuthHeading } from './auth-heading';
import { useTokenParam } from './token-param';
import { PASSWORD_HINT, passwordProblem } from './validation';

/** The link in the reset mail: choose a new password (every session of the account ends). */
export function ResetPasswordPage() {
  const token = useTokenParam();
  const [formError, setFormError] = useState<string>();
  const [badLink, setBadLink] = useState(false);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { password: '', confirm: '' },
    validate: {
      password: passwordProblem,
      confirm: (v, values) => (v === values.password ? null : 'The passwords do not match'),
    },
  });
  const reset = useMutation({
    mutationFn: (password: string) =>
      unwrap(api.POST('/api/brain/auth/password/reset', { body: { token: token ?? '', password } })),
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'AUTH.TOKEN_INVALID') setBadLink(true);
      else setFormError(applyApiErrors(form, err));
    },
  });

  if (!token || badLink) return <BadLink missing={!token} />;

  if (reset.isSuccess) {
    return (
      <Stack gap="md">
        <AuthHeading title="Password changed" />
        <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
          Your new password is set. For your safety every device that was signed in has been signed out.
        </Alert>
        <Button component={Link} to="/signin" fullWidth>
          Sign in with the new password
        </Button>
      </Stack>
    );
  }

  const submit = form.onSubmit((v) => {
    setFormError(undefined);
    reset.mutate(v.password);
  });

  return (
    <Stack gap="md">
      <AuthHeading title="Choose a new password">
        After this, every device signed in to your account is signed out.
      </AuthHeading>
      <FormError message={formError} title="Could not change the password" />
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <PasswordInput
            label="New password"
            description={PASSWORD_HINT}
            autoComplete="new-password"
            required
            autoFocus
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <PasswordInput
            label="Repeat the new password"
            autoComplete="new-password"
            required
            key={form.key('confirm')}
            {...form.getInputProps('confirm')}
          />
          <Button type="submit" loading={reset.isPending} fullWidth>
            Set new password
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}

function BadLink({ missing }: { missing: boolean }) {
  return (
    <Stack gap="md">
      <AuthHeading title="This link does not work" />
      <Alert color="yellow" variant="light" icon={<IconLinkOff aria-hidden />} role="alert">
        {missing
          ? 'The link is incomplete. Open it straight from the mail, or ask for a new one.'
          : 'The reset link is invalid, expired (it works for one hour) or was already used.'}
      </Alert>
      <Button component={Link} to="/forgot-password" fullWidth>
        Send me a new link
      </Button>
      <Anchor component={Link} to="/signin" size="sm">
        Back to sign in
      </Anchor>
    </Stack>
  );
}
