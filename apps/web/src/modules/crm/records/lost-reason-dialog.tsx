import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../api/errors';

const REASONS = ['Price too high', 'Chose a competitor', 'No budget', 'No decision', 'Timing', 'Went silent'];

/** Asks why a deal was lost (a common reason or free text); cancelling leaves the deal as it was. */
export function LostReasonDialog({
  opened,
  dealName,
  onCancel,
  onConfirm,
}: {
  opened: boolean;
  dealName: string;
  onCancel: () => void;
  /** Throwing keeps the dialog open with the reason. */
  onConfirm: (reason: string) => Promise<unknown>;
}) {
  const [reason, setReason] = useState<string | null>(null);
  const [other, setOther] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (opened) {
      setReason(null);
      setOther('');
      setError(undefined);
    }
  }, [opened]);

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm(reason === 'Other' ? other.trim() : (reason ?? ''));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onCancel} title={`Why was ${dealName} lost?`} centered>
      <Stack>
        <Select
          label="Reason"
          data={[...REASONS, 'Other']}
          value={reason}
          onChange={setReason}
          data-autofocus
        />
        {reason === 'Other' && (
          <Textarea
            label="Describe the reason"
            value={other}
            onChange={(e) => setOther(e.currentTarget.value)}
            autosize
            minRows={2}
          />
        )}
        {error && (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button
            color="red"
            onClick={confirm}
            loading={busy}
            disabled={!reason || (reason === 'Other' && !other.trim())}
          >
            Mark lost
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
