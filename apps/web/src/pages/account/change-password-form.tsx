import { Alert, Button, Card, Group, PasswordInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { applyApiErrors } from '../../api/form-errors';
import { FormError } from '../../components/form-error';
import { PASSWORD_HINT, passwordProblem } from '../auth/validation';
import { sessionsQueryKey } from './sessions-query';

const endedMessage = (n: number) =>
  n === 0
    ? 'No other device was signed in.'
    : `${n} other ${n === 1 ? 'session was' : 'sessions were'} signed out; this one stays signed in.`;

/** POST /auth/password/change: every other session ends, and the page says how many did. */
export function ChangePasswordForm() {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string>();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (v) => (v ? null : 'Enter your current password'),
      newPassword: passwordProblem,
      confirm: (v, values) => (v === values.newPassword ? null : 'The passwords do not match'),
    },
  });
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      unwrap(api.POST('/api/brain/auth/password/change', { body })),
    onSuccess: () => {
      form.reset();
      void queryClient.invalidateQueries({ queryKey: sessionsQueryKey });
    },
    onError: (err) => setFormError(applyApiErrors(form, err)),
  });

  const submit = form.onSubmit(({ currentPassword, newPassword }) => {
    setFormError(undefined);
    change.reset();
    change.mutate({ currentPassword, newPassword });
  });

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="password-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Stack gap={4}>
            <Title order={2} size="h4" id="password-heading">
              Change password
            </Title>
            <Text size="sm" c="dimmed">
              Every other device signed in to your account is signed out; this one stays.
            </Text>
          </Stack>
          {change.isSuccess && (
            <Alert
              color="teal"
              variant="light"
              icon={<IconCircleCheck aria-hidden />}
              title="Password changed"
              role="status"
            >
              {endedMessage(change.data.sessionsEnded)}
            </Alert>
          )}
          <FormError message={formError} title="Could not change the password" />
          {/* Lets password managers pair the new password with the account. */}
          <input type="text" name="username" autoComplete="username" hidden readOnly />
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            maw={{ sm: 'calc(50% - var(--mantine-spacing-md) / 2)' }}
            key={form.key('currentPassword')}
            {...form.getInputProps('currentPassword')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <PasswordInput
              label="New password"
              description={PASSWORD_HINT}
              autoComplete="new-password"
              required
              key={form.key('newPassword')}
              {...form.getInputProps('newPassword')}
            />
            <PasswordInput
              label="Repeat the new password"
              description="To be sure there is no typo."
              autoComplete="new-password"
              required
              key={form.key('confirm')}
              {...form.getInputProps('confirm')}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
