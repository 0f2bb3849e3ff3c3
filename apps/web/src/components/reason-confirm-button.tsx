import { Button, type ButtonProps, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { errorMessage } from '../api/errors';

export interface ReasonConfirmButtonProps extends Omit<ButtonProps, 'onClick'> {
  children: ReactNode;
  title: string;
  message: ReactNode;
  confirmLabel?: string;
  reasonLabel?: string;
  /** Whether the action needs a reason before it can be confirmed. */
  reasonRequired?: boolean;
  confirmColor?: string;
  onConfirm: (reason: string) => Promise<unknown> | unknown;
}

/** Like ConfirmButton, with a reason that goes into the audit log ("Suspend: unpaid invoices"). */
export function ReasonConfirmButton({
  children,
  title,
  message,
  confirmLabel = 'Confirm',
  reasonLabel = 'Reason (kept in the audit log)',
  reasonRequired = false,
  confirmColor = 'red',
  onConfirm,
  ...button
}: ReasonConfirmButtonProps) {
  const [opened, { open, close }] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const missing = reasonRequired && !reason.trim();
  const confirm = async () => {
    if (missing) {
      setError('Give a reason first');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm(reason.trim());
      setReason('');
      close();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button color={confirmColor} variant="light" {...button} onClick={open}>
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <Stack>
          <Text size="sm">{message}</Text>
          <Textarea
            label={reasonLabel}
            required={reasonRequired}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={500}
            autosize
            minRows={2}
            data-autofocus
          />
          {error && (
            <Text size="sm" c="red" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={busy}>
              Cancel
            </Button>
            <Button color={confirmColor} onClick={confirm} loading={busy}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
