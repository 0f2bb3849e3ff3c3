import { Anchor, Center, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconBriefcase2 } from '@tabler/icons-react';
import { Outlet } from '@tanstack/react-router';

/** Signed-out pages: a centred card with the product name. */
export function PublicLayout() {
  return (
    <Center mih="100dvh" p="md" bg="var(--mantine-color-body)">
      <Stack w="100%" maw={420} gap="lg">
        <Group justify="center" gap="xs">
          <ThemeIcon size="lg" radius="md" aria-hidden>
            <IconBriefcase2 size={20} />
          </ThemeIcon>
          <Text fw={700} size="xl">
            BizOSaaS
          </Text>
        </Group>
        <Paper withBorder shadow="sm" radius="md" p={{ base: 'lg', sm: 'xl' }} component="main">
          <Outlet />
        </Paper>
        <Text size="xs" c="dimmed" ta="center">
          One platform for CRM, content, store, directory, analytics and AI agents.{' '}
          <Anchor href="/docs" size="xs">
            API docs
          </Anchor>
        </Text>
      </Stack>
    </Center>
  );
}
