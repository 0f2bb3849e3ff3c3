import { Stack, Tabs } from '@mantine/core';
import { IconDevices, IconLock, IconUserCircle } from '@tabler/icons-react';
import { useRouter, useRouterState } from '@tanstack/react-router';
import { useMe } from '../../auth/session';
import { PageHeader } from '../../components/page-header';
import { ChangePasswordForm } from './change-password-form';
import { ProfileForm } from './profile-form';
import { SessionsPanel } from './sessions-panel';

const TABS = ['profile', 'password', 'sessions'] as const;
type Tab = (typeof TABS)[number];

/** Your account: name and preferences, password, and where you are signed in (`?tab=`). */
export function ProfilePage() {
  const me = useMe();
  const router = useRouter();
  const searchStr = useRouterState({ select: (s) => s.location.searchStr });
  const asked = new URLSearchParams(searchStr).get('tab');
  const tab: Tab = TABS.includes(asked as Tab) ? (asked as Tab) : 'profile';
  const select = (value: string | null) => {
    const next = value && value !== 'profile' ? `?tab=${value}` : '';
    router.history.replace(`/profile${next}`);
  };

  return (
    <>
      <PageHeader title="Your profile" description={`Signed in as ${me.user.email}`} />
      <Tabs value={tab} onChange={select} keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="profile" leftSection={<IconUserCircle size={16} aria-hidden />}>
            Profile
          </Tabs.Tab>
          <Tabs.Tab value="password" leftSection={<IconLock size={16} aria-hidden />}>
            Password
          </Tabs.Tab>
          <Tabs.Tab value="sessions" leftSection={<IconDevices size={16} aria-hidden />}>
            Sessions
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="profile">
          <Stack maw={880}>
            <ProfileForm />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="password">
          <Stack maw={880}>
            <ChangePasswordForm />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="sessions">
          <Stack maw={880}>
            <SessionsPanel />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
