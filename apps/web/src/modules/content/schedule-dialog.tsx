import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { fieldErrorsOf } from '../../api/form-errors';
import { type PageDetail, schedulePage } from './api';
import { notify } from './notify';

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO → the value of a datetime-local input, in the browser's time zone. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const toIso = (local: string) => (local ? new Date(local).toISOString() : null);

/** Publish and/or unpublish at a time (jobs on the hub; saving again replaces the schedule). */
export function ScheduleDialog({
  page,
  opened,
  onClose,
  onSaved,
}: {
  page: PageDetail;
  opened: boolean;
  onClose: () => void;
  onSaved: (p: PageDetail) => void;
}) {
  const [publishAt, setPublishAt] = useState('');
  const [unpublishAt, setUnpublishAt] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (opened) {
      setPublishAt(toLocalInput(page.publishAt));
      setUnpublishAt(toLocalInput(page.unpublishAt));
      setErrors({});
      setError(undefined);
    }
  }, [opened, page.publishAt, page.unpublishAt]);

  const save = async (pub: string, unpub: string) => {
    setBusy(true);
    setErrors({});
    setError(undefined);
    try {
      const updated = await schedulePage(page.id, toIso(pub), toIso(unpub));
      notify({ message: pub || unpub ? 'Schedule saved' : 'Schedule cleared', color: 'teal' });
      onSaved(updated);
      onClose();
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      if (!Object.keys(fields).length) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Schedule" centered>
      <Stack>
        <Text size="sm" c="dimmed">
          Times are in your time zone ({Intl.DateTimeFormat().resolvedOptions().timeZone}). The saved draft is
          published at the publish time.
        </Text>
        <TextInput
          type="datetime-local"
          label="Publish at"
          value={publishAt}
          error={errors.publishAt}
          onChange={(e) => setPublishAt(e.currentTarget.value)}
        />
        <TextInput
          type="datetime-local"
          label="Unpublish at"
          value={unpublishAt}
          error={errors.unpublishAt}
          onChange={(e) => setUnpublishAt(e.currentTarget.value)}
        />
        {error && (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
        <Group justify="space-between">
          <Button
            variant="subtle"
            color="red"
            onClick={() => save('', '')}
            disabled={busy || (!page.publishAt && !page.unpublishAt)}
          >
            Clear schedule
          </Button>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              onClick={() => save(publishAt, unpublishAt)}
              loading={busy}
              disabled={!publishAt && !unpublishAt}
            >
              Save schedule
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
