import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { applyApiErrors } from '../../api/form-errors';
import { FormError } from '../../components/form-error';
import { AuthHeading } from './auth-heading';
import { CheckInbox } from './check-inbox';
import { isEmail } from './validation';

const requestReset = (email: string) =>
  unwrap(api.POST('/api/brain/auth/password/forgot', { body: { email } }));

/** Ask for a password reset link (the hub answers the same whether or not the account exists). */
export function ForgotPasswordPage() {
  const [formError, setFormError] = useState<string>();
  const [sentTo, setSentTo] = useState<string>();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '' },
    validate: { email: (v) => (isEmail(v) ? null : 'Enter your e-mail address') },
  });
  const request = useMutation({
    mutationFn: requestReset,
    onSuccess: (_res, email) => setSentTo(email),
    onError: (err) => setFormError(applyApiErrors(form, err)),
  });

  if (sentTo) {
    return (
      <CheckInbox
        email={sentTo}
        what="a link to choose a new password"
        onResend={() => requestReset(sentTo)}
        onStartOver={() => {
          request.reset();
          setSentTo(undefined);
        }}
      >
        <Text size="sm">
          If an account uses this address, the mail is on its way. The link works once, for one hour.
        </Text>
      </CheckInbox>
    );
  }

  const submit = form.onSubmit((v) => {
    setFormError(undefined);
    request.mutate(v.email.trim());
  });

  return (
    <Stack gap="md">
      <AuthHeading title="Forgot your password?">
        Enter the address you sign in with and we will mail you a link to choose a new password.
      </AuthHeading>
      <FormError message={formError} title="Could not send the link" />
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
          <Button type="submit" loading={request.isPending} fullWidth>
            Send the reset link
          </Button>
        </Stack>
      </form>
      <Anchor component={Link} to="/signin" size="sm">
        Back to sign in
      </Anchor>
    </Stack>
  );
}
