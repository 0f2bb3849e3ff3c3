import { Badge, Card, Group, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconDeviceDesktop, IconDeviceMobile } from '@tabler/icons-react';
import { ConfirmButton } from '../../components/confirm-button';
import { useDateFormat } from './date-format';
import type { Session } from './sessions-query';
import { describeDevice } from './user-agent';

const HOW: Record<string, string> = {
  password: 'Password',
  oidc: 'Single sign-on',
  invitation: 'Invitation',
};

/** One active session: device, IP, when it was last used, and a sign-out that asks first. */
export function SessionCard({ session, onRevoke }: { session: Session; onRevoke: () => Promise<unknown> }) {
  const fmt = useDateFormat();
  const device = describeDevice(session.userAgent);
  const Icon = device.mobile ? IconDeviceMobile : IconDeviceDesktop;
  return (
    <Card withBorder padding="md" radius="md" component="li" aria-label={device.label}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Group gap="sm" align="flex-start" wrap="nowrap" style={{ flex: '1 1 18rem', minWidth: 0 }}>
          <ThemeIcon variant="light" size={40} radius="md" color={session.current ? 'teal' : 'blue'}>
            <Icon size={22} aria-hidden />
          </ThemeIcon>
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap="xs">
              <Text fw={600} size="sm">
                {device.label}
              </Text>
              {session.current && (
                <Badge color="teal" variant="light" size="sm">
                  This device
                </Badge>
              )}
              <Badge color="gray" variant="outline" size="sm">
                {HOW[session.kind] ?? session.kind}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed" truncate title={session.userAgent ?? undefined}>
              {session.userAgent ?? 'No browser details'}
            </Text>
            <Text size="sm">
              IP {session.ip ?? 'unknown'} ·{' '}
              <Tooltip label={fmt.dateTime(session.lastUsedAt)} withArrow>
                <span>Last used {session.current ? 'now' : fmt.ago(session.lastUsedAt)}</span>
              </Tooltip>
            </Text>
            <Text size="xs" c="dimmed">
              Signed in {fmt.dateTime(session.createdAt)} · expires {fmt.dateTime(session.expiresAt)}
            </Text>
          </Stack>
        </Group>
        <ConfirmButton
          size="xs"
          title={session.current ? 'Sign out of this device?' : `Sign out ${device.label}?`}
          message={
            session.current
              ? 'This is the session you are using: you go back to the sign-in page.'
              : `The session from IP ${session.ip ?? 'unknown'} ends now; that device has to sign in again.`
          }
          confirmLabel="Sign out"
          onConfirm={onRevoke}
          aria-label={session.current ? 'Sign out of this device' : `Sign out ${device.label}`}
        >
          Sign out
        </ConfirmButton>
      </Group>
    </Card>
  );
}
