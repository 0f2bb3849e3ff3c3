import {
  Anchor,
  Button,
  Input,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { applyApiErrors } from '../../api/form-errors';
import { FormError } from '../../components/form-error';
import { AuthHeading } from './auth-heading';
import { CheckInbox } from './check-inbox';
import { isEmail, PASSWORD_HINT, passwordProblem } from './validation';

type Kind = 'business' | 'agency';

/** Create an account and the tenant it owns; then "check your inbox" for the confirmation link. */
export function SignupPage() {
  const [formError, setFormError] = useState<string>();
  const [sentTo, setSentTo] = useState<string>();

  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { name: '', email: '', tenantName: '', kind: 'business' as Kind, password: '' },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter your name'),
      email: (v) => (isEmail(v) ? null : 'Enter your e-mail address'),
      tenantName: (v) => (v.trim() ? null : 'Name your business or agency'),
      password: passwordProblem,
    },
  });

  const signUp = useMutation({
    mutationFn: (body: typeof form.values) => unwrap(api.POST('/api/brain/auth/signup', { body })),
    onSuccess: (res) => setSentTo(res.email),
    onError: (err) => setFormError(applyApiErrors(form, err)),
  });

  if (sentTo) {
    return (
      <CheckInbox
        email={sentTo}
        what="a link to confirm your address"
        onResend={() => unwrap(api.POST('/api/brain/auth/verify-email/resend', { body: { email: sentTo } }))}
        onStartOver={() => {
          signUp.reset();
          setSentTo(undefined);
        }}
      >
        <Text size="sm">Open it to activate your account, then sign in. The link works for 48 hours.</Text>
      </CheckInbox>
    );
  }

  const submit = form.onSubmit((v) => {
    setFormError(undefined);
    signUp.mutate({ ...v, name: v.name.trim(), email: v.email.trim(), tenantName: v.tenantName.trim() });
  });

  return (
    <Stack gap="md">
      <AuthHeading title="Create your account">
        Already have one?{' '}
        <Anchor component={Link} to="/signin" size="sm">
          Sign in
        </Anchor>
      </AuthHeading>
      <FormError message={formError} title="Could not create the account" />
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label="Your name"
            autoComplete="name"
            required
            autoFocus
            key={form.key('name')}
            {...form.getInputProps('name')}
          />
          <TextInput
            label="E-mail address"
            type="email"
            autoComplete="email"
            required
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          <Input.Wrapper
            label="What are you setting up?"
            labelElement="div"
            labelProps={{ id: 'signup-kind-label' }}
            description="Agencies can add client businesses and work in them."
            inputWrapperOrder={['label', 'input', 'description']}
          >
            <SegmentedControl
              fullWidth
              aria-labelledby="signup-kind-label"
              data={[
                { value: 'business', label: 'A business' },
                { value: 'agency', label: 'An agency' },
              ]}
              key={form.key('kind')}
              defaultValue={form.getValues().kind}
              onChange={(v) => form.setFieldValue('kind', v as Kind)}
            />
          </Input.Wrapper>
          <TextInput
            label="Business or agency name"
            autoComplete="organization"
            required
            key={form.key('tenantName')}
            {...form.getInputProps('tenantName')}
          />
          <PasswordInput
            label="Password"
            description={PASSWORD_HINT}
            autoComplete="new-password"
            required
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={signUp.isPending} fullWidth mt="xs">
            Create account
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
