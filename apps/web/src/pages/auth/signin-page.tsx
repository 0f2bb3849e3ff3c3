import { Alert, Anchor, Button, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import { applyApiErrors } from '../../api/form-errors';
import { safeNext } from '../../auth/safe-next';
import { resetSession } from '../../auth/session';
import { FormError } from '../../components/form-error';
import { ssoErrorMessage } from './signin-messages';
import { SsoButtons } from './sso-buttons';

const route = getRouteApi('/public/signin');

/** Sign in with e-mail and password (session cookies), or with a single sign-on provider. */
export function SigninPage() {
  const search = route.useSearch();
  const router = useRouter();
  const queryClient = useQueryClient();
  const next = safeNext(search.next);
  const [formError, setFormError] = useState<string>();
  const [unverified, setUnverified] = useState<string>();

  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter your e-mail address'),
      password: (v) => (v ? null : 'Enter your password'),
    },
  });

  const signIn = useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      unwrap(api.POST('/api/brain/auth/login', { body })),
    onSuccess: async () => {
      await resetSession(queryClient);
      router.history.push(next);
    },
    onError: (err, body) => {
      setUnverified(
        err instanceof ApiError && err.code === 'AUTH.EMAIL_NOT_VERIFIED' ? body.email : undefined,
      );
      setFormError(applyApiErrors(form, err));
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(undefined);
    signIn.mutate({ email: values.email.trim(), password: values.password });
  });

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1} size="h3">
          Sign in
        </Title>
        <Text size="sm" c="dimmed">
          Welcome back. New here?{' '}
          <Anchor component={Link} to="/signup" size="sm">
            Create an account
          </Anchor>
        </Text>
      </Stack>

      {search.verified === '1' && (
        <Alert
          color="teal"
          variant="light"
          icon={<IconCircleCheck aria-hidden />}
          title="E-mail address confirmed"
        >
          Your address is confirmed. Sign in to continue.
        </Alert>
      )}
      {search.verified === '0' && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconInfoCircle aria-hidden />}
          title="That link did not work"
        >
          The confirmation link is invalid, expired or was already used. Sign in to have a new one sent.
        </Alert>
      )}
      {search.sso_error && (
        <Alert color="red" variant="light" title="Single sign-on did not work" role="alert">
          {ssoErrorMessage(search.sso_error)}
        </Alert>
      )}
      <FormError message={formError} title="Could not sign you in" />
      {unverified && <ResendVerification email={unverified} />}

      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label="E-mail address"
            type="email"
            autoComplete="username"
            required
            autoFocus
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end">
            <Anchor component={Link} to="/forgot-password" size="sm">
              Forgot your password?
            </Anchor>
          </Group>
          <Button type="submit" loading={signIn.isPending} fullWidth>
            Sign in
          </Button>
        </Stack>
      </form>

      <SsoButtons returnTo={next} />
    </Stack>
  );
}

function ResendVerification({ email }: { email: string }) {
  const resend = useMutation({
    mutationFn: () => unwrap(api.POST('/api/brain/auth/verify-email/resend', { body: { email } })),
  });
  if (resend.isSuccess) {
    return (
      <Text size="sm" c="teal" role="status">
        We sent a new confirmation link to {email}.
      </Text>
    );
  }
  return (
    <Button variant="light" size="xs" onClick={() => resend.mutate()} loading={resend.isPending}>
      Send the confirmation link again
    </Button>
  );
}
