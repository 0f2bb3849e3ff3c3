import type { MantineColorScheme } from '@mantine/core';
import {
  Avatar,
  Menu,
  SegmentedControl,
  Stack,
  Text,
  UnstyledButton,
  useMantineColorScheme,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { api } from '../api/client';
import { meQuery, resetSession, useMe } from '../auth/session';
import { saveProfileTheme } from './use-profile-theme';

function initials(name: string) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase())
    .join('');
}

/** Who is signed in: profile, theme (light, dark, follow the system; kept in this browser and the profile), sign out. */
export function UserMenu() {
  const me = useMe();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const signOut = async () => {
    // Signed out either way: a failed request only means the session had already ended.
    const res = await api.POST('/api/brain/auth/logout').catch(() => undefined);
    await navigate({ to: '/signin' });
    await resetSession(queryClient);
    if (res && !res.response.ok && res.response.status !== 401) {
      notifications.show({
        message: 'You are signed out here; the server could not be told.',
        color: 'yellow',
      });
    }
  };

  return (
    <Menu position="bottom-end" width={260} withinPortal shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu for ${me.user.name}`} style={{ borderRadius: '50%' }}>
          <Avatar color="blue" radius="xl" size={34}>
            {initials(me.user.name) || '?'}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Stack gap={0} px="sm" py={6}>
          <Text size="sm" fw={600} truncate>
            {me.user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {me.user.email}
          </Text>
        </Stack>
        <Menu.Divider />
        <Menu.Item component={Link} to="/profile" leftSection={<IconUserCircle size={16} aria-hidden />}>
          Your profile
        </Menu.Item>
        <Menu.Label>Theme</Menu.Label>
        <div style={{ padding: '0 8px 8px' }}>
          <SegmentedControl
            fullWidth
            size="xs"
            aria-label="Colour theme"
            value={colorScheme}
            onChange={(v) => {
              setColorScheme(v as MantineColorScheme);
              saveProfileTheme(v as MantineColorScheme);
              queryClient.setQueryData(meQuery.queryKey, (old) =>
                old ? { ...old, user: { ...old.user, settings: { ...old.user.settings, theme: v } } } : old,
              );
            }}
            data={[
              { value: 'light', label: 'Light' },
              { value: 'dark', label: 'Dark' },
              { value: 'auto', label: 'Auto' },
            ]}
          />
        </div>
        <Menu.Divider />
        <Menu.Item onClick={signOut} leftSection={<IconLogout size={16} aria-hidden />}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
