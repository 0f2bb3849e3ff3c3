import { Alert, Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import { applyApiErrors } from '../../api/form-errors';
import { resetSession } from '../../auth/session';
import { FormError } from '../../components/form-error';
import { PASSWORD_HINT, passwordProblem } from './validation';

export interface AcceptInvitationFormProps {
  token: string;
  invitation: { email: string; tenantName: string; accountExists: boolean };
  signedInAs?: { email: string; name: string };
  /** The invitation stopped working between the lookup and the accept. */
  onInvalid: () => void;
}

/**
 * Three ways in: signed in as the invited address (one click), an existing account (its password),
 * or a new account (name and password). Success opens a session in the inviting tenant.
 */
export function AcceptInvitationForm({
  token,
  invitation,
  signedInAs,
  onInvalid,
}: AcceptInvitationFormProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string>();
  const isInvitee = signedInAs?.email.toLowerCase() === invitation.email.toLowerCase();
  const mode = isInvitee ? 'signed-in' : invitation.accountExists ? 'existing' : 'new';

  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { name: '', password: '' },
    validate: {
      name: (v) => (mode === 'new' && !v.trim() ? 'Enter your name' : null),
      password: (v) =>
        mode === 'new' ? passwordProblem(v) : mode === 'existing' && !v ? 'Enter your password' : null,
    },
  });

  const accept = useMutation({
    mutationFn: (body: { token: string; name?: string; password?: string }) =>
      unwrap(api.POST('/api/brain/auth/invitations/accept', { body })),
    onSuccess: async () => {
      await resetSession(queryClient);
      router.history.push('/');
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'IDENTITY.INVITATION_INVALID') onInvalid();
      else setFormError(applyApiErrors(form, err));
    },
  });

  const submit = form.onSubmit((v) => {
    setFormError(undefined);
    accept.mutate({
      token,
      name: mode === 'new' ? v.name.trim() : undefined,
      password: mode === 'signed-in' ? undefined : v.password,
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormError message={formError} title="Could not accept the invitation" />
        {mode === 'signed-in' && (
          <Text size="sm">
            You are signed in as <strong>{signedInAs?.name}</strong>. Accept to add {invitation.tenantName} to
            your tenants.
          </Text>
        )}
        {signedInAs && !isInvitee && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
            You are signed in as {signedInAs.email}, but this invitation is for {invitation.email}. Accepting
            signs you in as {invitation.email}.
          </Alert>
        )}
        {mode === 'new' && (
          <>
            <Text size="sm">
              Create your account for <strong>{invitation.email}</strong>.
            </Text>
            <TextInput
              label="Your name"
              autoComplete="name"
              required
              autoFocus
              key={form.key('name')}
              {...form.getInputProps('name')}
            />
          </>
        )}
        {mode !== 'signed-in' && (
          <PasswordInput
            label={mode === 'new' ? 'Choose a password' : 'Your password'}
            description={
              mode === 'new' ? PASSWORD_HINT : `The password you sign in with as ${invitation.email}.`
            }
            autoComplete={mode === 'new' ? 'new-password' : 'current-password'}
            required
            autoFocus={mode === 'existing'}
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
        )}
        {mode === 'existing' && (
          <Group justify="flex-end">
            <Anchor component={Link} to="/forgot-password" size="sm">
              Forgot your password?
            </Anchor>
          </Group>
        )}
        <Button type="submit" loading={accept.isPending} fullWidth>
          {mode === 'new' ? 'Create account and join' : `Join ${invitation.tenantName}`}
        </Button>
      </Stack>
    </form>
  );
}
