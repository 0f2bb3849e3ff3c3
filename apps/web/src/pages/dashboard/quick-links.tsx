import { Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { can, useMe } from '../../auth/session';
import { EmptyState } from '../../components/empty-state';
import { moduleNavs } from '../../modules';

/** The modules this role may open, one card each. */
export function QuickLinks() {
  const me = useMe();
  const items = moduleNavs.filter((m) => can(me, m.permission));
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Quick links
      </Title>
      {items.length === 0 ? (
        <EmptyState
          title="No modules for your role here"
          description="Switch to a tenant where you have a role, or ask an owner of this tenant to invite you."
        />
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }}>
          {items.map((m) => (
            <Card key={m.id} withBorder padding={0} radius="md">
              <UnstyledButton component={Link} to={m.to} p="md" className="quick-link">
                <Group wrap="nowrap" align="flex-start" gap="sm">
                  <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
                    <m.icon size={20} />
                  </ThemeIcon>
                  <Stack gap={2} style={{ flex: 1 }}>
                    <Text fw={600}>{m.label}</Text>
                    <Text size="sm" c="dimmed" lineClamp={2}>
                      {m.description}
                    </Text>
                  </Stack>
                  <IconChevronRight size={16} aria-hidden style={{ marginTop: 4, opacity: 0.5 }} />
                </Group>
              </UnstyledButton>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
