import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

/**
 * The part of an API error that belongs to no single field, above the form. Field errors go next
 * to their fields: see applyApiErrors() in api/form-errors.ts.
 */
export function FormError({ message, title = 'That did not work' }: { message?: string; title?: string }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertCircle aria-hidden />} role="alert">
      {message}
    </Alert>
  );
}
