import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { crmKeys, type Deal } from './crm-api';
import { LostReasonDialog } from './lost-reason-dialog';

/** Won / lost (with a reason) for open deals, reopen for closed ones. */
export function DealStatusActions({ deal }: { deal: Deal }) {
  const queryClient = useQueryClient();
  const [losing, setLosing] = useState(false);
  const [busy, setBusy] = useState(false);

  const done = async (updated: Deal, message: string) => {
    queryClient.setQueryData(crmKeys.record('deal', deal.id), updated);
    notifications.show({ message, color: 'teal' });
    await queryClient.invalidateQueries({ queryKey: crmKeys.timeline('deal', deal.id) });
    queryClient.invalidateQueries({ queryKey: ['crm', 'board'] });
  };
  const call = async (what: 'won' | 'reopen') => {
    setBusy(true);
    try {
      const path = what === 'won' ? '/api/brain/crm/deals/{id}/won' : '/api/brain/crm/deals/{id}/reopen';
      const updated = await unwrap(api.POST(path, { params: { path: { id: deal.id } } }));
      await done(updated, what === 'won' ? `${deal.name} marked won` : `${deal.name} reopened`);
    } catch (err) {
      notifications.show({ message: errorMessage(err), color: 'red' });
    } finally {
      setBusy(false);
    }
  };
  const lose = async (reason: string) => {
    const updated = await unwrap(
      api.POST('/api/brain/crm/deals/{id}/lost', { params: { path: { id: deal.id } }, body: { reason } }),
    );
    setLosing(false);
    await done(updated, `${deal.name} marked lost`);
  };

  if (deal.status !== 'open')
    return (
      <Button variant="default" onClick={() => call('reopen')} loading={busy}>
        Reopen
      </Button>
    );
  return (
    <>
      <Button
        color="teal"
        leftSection={<IconThumbUp size={16} aria-hidden />}
        onClick={() => call('won')}
        loading={busy}
      >
        Mark won
      </Button>
      <Button
        color="red"
        variant="light"
        leftSection={<IconThumbDown size={16} aria-hidden />}
        onClick={() => setLosing(true)}
      >
        Mark lost
      </Button>
      <LostReasonDialog
        opened={losing}
        dealName={deal.name}
        onCancel={() => setLosing(false)}
        onConfirm={lose}
      />
    </>
  );
}
