import { Group, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { IconBriefcase2 } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';

export function Brand() {
  return (
    <UnstyledButton component={Link} to="/" aria-label="BizOSaaS dashboard">
      <Group gap={8} wrap="nowrap">
        <ThemeIcon size="md" radius="md" aria-hidden>
          <IconBriefcase2 size={18} />
        </ThemeIcon>
        <Text fw={700} size="lg" visibleFrom="xs">
          BizOSaaS
        </Text>
      </Group>
    </UnstyledButton>
  );
}
