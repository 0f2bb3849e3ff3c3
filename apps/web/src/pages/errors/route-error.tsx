import { Button, Code, Container, Group } from '@mantine/core';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { type ErrorComponentProps, Link } from '@tanstack/react-router';
import { ApiError, errorMessage } from '../../api/errors';
import { ForbiddenError } from '../../auth/guards';
import { EmptyState } from '../../components/empty-state';

/** What a route shows when it could not load: no access, a problem from the hub, or a bug. */
export function RouteError({ error, reset }: ErrorComponentProps) {
  if (error instanceof ForbiddenError || (error instanceof ApiError && error.status === 403)) {
    return (
      <Container size="sm" py="xl">
        <EmptyState
          icon={<IconLock size={28} aria-hidden />}
          title="You do not have access to this page"
          description={`${error instanceof ForbiddenError ? `Your role does not give access to ${error.what}.` : errorMessage(error)} Ask an owner or admin of this tenant to change your role, or switch to another tenant.`}
          action={
            <Button component={Link} to="/">
              Go to the dashboard
            </Button>
          }
        />
      </Container>
    );
  }
  return (
    <Container size="sm" py="xl">
      <EmptyState
        icon={<IconAlertTriangle size={28} aria-hidden />}
        title="This page could not be loaded"
        description={
          <>
            {errorMessage(error)}
            {error instanceof ApiError && error.problem.code && (
              <>
                {' '}
                <Code>{error.problem.code}</Code>
              </>
            )}
          </>
        }
        action={
          <Group justify="center">
            <Button onClick={reset}>Try again</Button>
            <Button variant="default" component={Link} to="/">
              Dashboard
            </Button>
          </Group>
        }
      />
    </Container>
  );
}
