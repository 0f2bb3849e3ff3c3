import { Button, Container } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { EmptyState } from '../../components/empty-state';

export function NotFoundPage() {
  return (
    <Container size="sm" py="xl">
      <EmptyState
        icon={<IconMapOff size={28} aria-hidden />}
        title="There is no page here"
        description="The link may be old or mistyped. Go back to the dashboard and find your way from there."
        action={
          <Button component={Link} to="/">
            Go to the dashboard
          </Button>
        }
      />
    </Container>
  );
}
