import { Alert, Anchor, Button, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconMailForward } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { errorMessage } from '../../api/errors';
import { AuthHeading } from './auth-heading';

export interface CheckInboxProps {
  email: string;
  /** What the mail contains: "a link to confirm your address". */
  what: string;
  /** Sends the mail again. */
  onResend: () => Promise<unknown>;
  /** Go back to the form (a different address). */
  onStartOver: () => void;
  children?: ReactNode;
}

/** After a mail went out: where to look, a resend button, and a way back. */
export function CheckInbox({ email, what, onResend, onStartOver, children }: CheckInboxProps) {
  const resend = useMutation({ mutationFn: onResend });
  return (
    <Stack gap="md">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon size={44} radius="xl" variant="light" aria-hidden>
          <IconMailForward size={24} />
        </ThemeIcon>
        <AuthHeading title="Check your inbox">
          We sent {what} to{' '}
          <Text span fw={600} c="var(--mantine-color-text)">
            {email}
          </Text>
          .
        </AuthHeading>
      </Group>
      {children}
      <Text size="sm" c="dimmed">
        Nothing there after a few minutes? Look in your spam folder, or send it again.
      </Text>
      {resend.isSuccess && (
        <Alert color="teal" variant="light" role="status">
          Sent again. Only the newest link works.
        </Alert>
      )}
      {resend.isError && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(resend.error)}
        </Alert>
      )}
      <Group justify="space-between" gap="sm">
        <Button variant="light" onClick={() => resend.mutate()} loading={resend.isPending}>
          Send it again
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={onStartOver}>
          Use a different address
        </Anchor>
      </Group>
      <Anchor component={Link} to="/signin" size="sm">
        Back to sign in
      </Anchor>
    </Stack>
  );
}
