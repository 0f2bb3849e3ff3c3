import { Center, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  /** Say what to do next: "Add your first contact", "Ask an owner for access", … */
  description: ReactNode;
  icon?: ReactNode;
  /** The next step as a button or link. */
  action?: ReactNode;
}

/** Nothing to show yet, and what to do about it. */
export function EmptyState({ title, description, icon, action }: EmptyStateProps) {
  return (
    <Center py="xl" px="md">
      <Stack align="center" gap="xs" maw={460} ta="center">
        <ThemeIcon size={56} radius="xl" variant="light">
          {icon ?? <IconInbox size={28} aria-hidden />}
        </ThemeIcon>
        <Title order={2} size="h4" mt="xs">
          {title}
        </Title>
        <Text c="dimmed" size="sm">
          {description}
        </Text>
        {action && <div style={{ marginTop: 8 }}>{action}</div>}
      </Stack>
    </Center>
  );
}
