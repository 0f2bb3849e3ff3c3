import { Button, Group, Modal, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarEvent, IconChecklist, IconNote, IconPhone } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { fieldErrorsOf } from '../../../api/form-errors';
import { type CrmEntity, crmKeys, useMembers } from './crm-api';

type Kind = 'note' | 'task' | 'call' | 'meeting';
const TITLES: Record<Kind, string> = {
  note: 'Add note',
  task: 'Add task',
  call: 'Log call',
  meeting: 'Log meeting',
};
const LINK: Record<CrmEntity, 'contactId' | 'companyId' | 'dealId' | 'leadId'> = {
  contact: 'contactId',
  company: 'companyId',
  deal: 'dealId',
  lead: 'leadId',
};

/** `2026-03-01T09:30` (datetime-local) → ISO 8601 with the browser's offset applied. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);
const localNow = () => {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
};

/** Note, task (due date, assignee), call and meeting on a record; the timeline refreshes after. */
export function QuickActions({ entity, id }: { entity: CrmEntity; id: string }) {
  const queryClient = useQueryClient();
  const members = useMembers();
  const [kind, setKind] = useState<Kind | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [when, setWhen] = useState('');
  const [whenTouched, setWhenTouched] = useState(false);
  const [assignee, setAssignee] = useState<string | null>(null);
  const [duration, setDuration] = useState<number | string>(30);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();

  const open = (k: Kind) => {
    setKind(k);
    setSubject('');
    setBody('');
    setWhen(k === 'task' ? '' : localNow());
    setWhenTouched(false);
    setAssignee(null);
    setDuration(30);
    setErrors({});
    setError(undefined);
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!kind) return;
    setBusy(true);
    setErrors({});
    setError(undefined);
    try {
      await unwrap(
        api.POST('/api/brain/crm/activities', {
          body: {
            type: kind,
            [LINK[entity]]: id,
            subject: subject.trim() || undefined,
            body: body || undefined,
            ...(kind === 'task'
              ? { dueAt: toIso(when) ?? null, assigneeId: assignee }
              : { occurredAt: whenTouched ? toIso(when) : undefined }),
            ...(kind === 'call' || kind === 'meeting' ? { durationMinutes: Number(duration) || null } : {}),
          },
        }),
      );
      notifications.show({ message: `${TITLES[kind].replace(/^(Add|Log) /, '')} saved`, color: 'teal' });
      setKind(null);
      await queryClient.invalidateQueries({ queryKey: crmKeys.timeline(entity, id) });
      queryClient.invalidateQueries({ queryKey: ['crm', 'activities'] });
    } catch (err) {
      const f = fieldErrorsOf(err);
      setErrors(f);
      if (!Object.keys(f).length) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Group gap="xs">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconNote size={14} aria-hidden />}
          onClick={() => open('note')}
        >
          Note
        </Button>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconChecklist size={14} aria-hidden />}
          onClick={() => open('task')}
        >
          Task
        </Button>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPhone size={14} aria-hidden />}
          onClick={() => open('call')}
        >
          Log call
        </Button>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconCalendarEvent size={14} aria-hidden />}
          onClick={() => open('meeting')}
        >
          Meeting
        </Button>
      </Group>
      <Modal opened={kind !== null} onClose={() => setKind(null)} title={kind ? TITLES[kind] : ''} centered>
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput
              label={kind === 'note' ? 'Title' : 'Subject'}
              value={subject}
              onChange={(e) => setSubject(e.currentTarget.value)}
              error={errors.subject}
              data-autofocus
            />
            <Textarea
              label={kind === 'note' ? 'Note' : 'Notes'}
              autosize
              minRows={3}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              error={errors.body}
            />
            <TextInput
              type="datetime-local"
              label={kind === 'task' ? 'Due' : 'When'}
              value={when}
              onChange={(e) => {
                setWhen(e.currentTarget.value);
                setWhenTouched(true);
              }}
              error={errors.dueAt ?? errors.occurredAt}
            />
            {kind === 'task' && (
              <Select
                label="Assignee"
                data={members.options}
                value={assignee}
                onChange={setAssignee}
                clearable
                searchable
                error={errors.assigneeId}
              />
            )}
            {(kind === 'call' || kind === 'meeting') && (
              <NumberInput
                label="Duration (minutes)"
                min={0}
                value={duration}
                onChange={setDuration}
                error={errors.durationMinutes}
              />
            )}
            {error && (
              <Text c="red" size="sm" role="alert">
                {error}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setKind(null)}>
                Cancel
              </Button>
              <Button type="submit" loading={busy}>
                Save
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
