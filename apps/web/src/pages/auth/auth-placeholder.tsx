import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';

/** Public pages not built yet (sign-up, password reset, invitations). */
export function AuthPlaceholder({ title, description }: { title: string; description: string }) {
  return (
    <Stack gap="sm">
      <Title order={1} size="h3">
        {title}
      </Title>
      <Text c="dimmed" size="sm">
        {description} This page is coming soon; until then use the API (see /docs).
      </Text>
      <Anchor component={Link} to="/signin" size="sm">
        Back to sign in
      </Anchor>
    </Stack>
  );
}
