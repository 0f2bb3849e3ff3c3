import { AppShell, Box, Burger, Group, ScrollArea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Outlet, useRouterState } from '@tanstack/react-router';
import { Suspense, useEffect } from 'react';
import { AppNavbar } from './app-navbar';
import { Brand } from './brand';
import { PageSkeleton } from './page-skeleton';
import { TenantSwitcher } from './tenant-switcher';
import { useProfileTheme } from './use-profile-theme';
import { UserMenu } from './user-menu';

/** The signed-in console: header (tenant switcher, user menu), navigation, and the page. */
export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  useProfileTheme();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  // On phones the navigation is a drawer: close it once a link was followed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation
  useEffect(() => close(), [pathname, close]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'lg' }}
    >
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
            />
            <Brand />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <TenantSwitcher />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <AppShell.Section grow component={ScrollArea}>
          <AppNavbar />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Box id="main" tabIndex={-1} maw={1200} mx="auto" style={{ outline: 'none' }}>
          <Suspense fallback={<PageSkeleton />}>
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
