import { NavLink, Stack, Text } from '@mantine/core';
import { Link, useRouterState } from '@tanstack/react-router';
import { useMe } from '../auth/session';
import { visibleNav } from './nav-items';

/** The navigation, filtered by what the active role (and operator status) allows. */
export function AppNavbar() {
  const me = useMe();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const isActive = (to: string) =>
    to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
  return (
    <Stack gap="md" component="nav">
      {visibleNav(me).map((group) => (
        <Stack key={group.label ?? 'main'} gap={2}>
          {group.label && (
            <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pb={4}>
              {group.label}
            </Text>
          )}
          {group.items.map((item) => (
            <NavLink
              key={item.to}
              renderRoot={(props) => <Link to={item.to} {...props} />}
              label={item.label}
              title={item.description}
              leftSection={<item.icon size={18} stroke={1.6} aria-hidden />}
              active={isActive(item.to)}
              aria-current={isActive(item.to) ? 'page' : undefined}
              style={{ borderRadius: 'var(--mantine-radius-sm)' }}
            />
          ))}
        </Stack>
      ))}
    </Stack>
  );
}
