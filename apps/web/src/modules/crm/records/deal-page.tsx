import { Alert, Badge } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { api, unwrap } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { ConfirmButton } from '../../../components/confirm-button';
import { formatDate } from '../../../components/format';
import { crmKeys, type Deal, formatMoney, pipelinesQuery, useMembers } from './crm-api';
import { CustomFieldsSection } from './custom-fields-section';
import { DealStatusActions } from './deal-actions';
import { InlineField } from './inline-field';
import { useCompanyOptions, useContactOptions, usePatchRecord, useRecord } from './record-api';
import { RecordShell, RecordState } from './record-shell';
import { STATUS_COLOR } from './related-deals';

/** One deal: fields edited in place, stage, won/lost/reopen, timeline. */
export function DealPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canWrite = useCan('crm:write');
  const deal = useRecord<Deal>('deal', id);
  const patch = usePatchRecord<Deal>('deal', id);
  const members = useMembers();
  const companies = useCompanyOptions();
  const contacts = useContactOptions();
  const pipelines = useQuery(pipelinesQuery);
  if (!deal.data) return <RecordState error={deal.error} onRetry={() => deal.refetch()} />;
  const d = deal.data;
  const pipeline = pipelines.data?.items.find((p) => p.id === d.pipelineId);
  const stageName = (sid: string) =>
    pipelines.data?.items.flatMap((p) => p.stages).find((s) => s.id === sid)?.name;
  const save = canWrite ? (key: string) => (v: unknown) => patch({ [key]: v }) : () => undefined;

  const move = async (stageId: unknown) => {
    if (typeof stageId !== 'string') throw new Error('Choose a stage');
    const updated = await unwrap(
      api.PATCH('/api/brain/crm/deals/{id}/move', { params: { path: { id } }, body: { stageId } }),
    );
    queryClient.setQueryData(crmKeys.record('deal', id), updated);
    await queryClient.invalidateQueries({ queryKey: crmKeys.timeline('deal', id) });
    queryClient.invalidateQueries({ queryKey: ['crm', 'board'] });
  };
  const remove = async () => {
    await unwrap(api.DELETE('/api/brain/crm/deals/{id}', { params: { path: { id } } }));
    notifications.show({ message: `${d.name} was deleted`, color: 'teal' });
    await navigate({ to: '/crm/deals' });
  };

  return (
    <RecordShell
      entity="deal"
      id={id}
      title={d.name}
      stageName={stageName}
      badges={
        <>
          <Badge size="lg" variant="light">
            {formatMoney(d.amount, d.currency)}
          </Badge>
          <Badge variant="dot" color={STATUS_COLOR[d.status]}>
            {d.status}
          </Badge>
        </>
      }
      subtitle={`${pipeline?.name ?? 'Pipeline'} · ${stageName(d.stageId) ?? 'stage'}${d.expectedCloseDate ? ` · closes ${formatDate(d.expectedCloseDate)}` : ''}`}
      actions={
        canWrite && (
          <>
            <DealStatusActions deal={d} />
            <ConfirmButton
              size="sm"
              title={`Delete ${d.name}?`}
              message="The deal and its activities go away. This cannot be undone."
              confirmLabel="Delete"
              onConfirm={remove}
            >
              Delete
            </ConfirmButton>
          </>
        )
      }
      fields={
        <>
          {d.status === 'lost' && d.lostReason && (
            <Alert color="red" variant="light" title="Lost">
              {d.lostReason}
            </Alert>
          )}
          <InlineField
            label="Name"
            value={d.name}
            onSave={canWrite ? (v) => patch({ name: v ?? d.name }) : undefined}
          />
          <InlineField
            label="Amount"
            kind="number"
            value={d.amount}
            display={formatMoney(d.amount, d.currency)}
            onSave={canWrite ? (v) => patch({ amount: v ?? 0 }) : undefined}
          />
          <InlineField
            label="Currency"
            value={d.currency}
            onSave={canWrite ? (v) => patch({ currency: String(v ?? 'USD').toUpperCase() }) : undefined}
          />
          <InlineField
            label="Stage"
            kind="select"
            value={d.stageId}
            options={(pipeline?.stages ?? []).map((s) => ({ value: s.id, label: s.name }))}
            onSave={canWrite ? move : undefined}
          />
          <InlineField
            label="Expected close"
            kind="date"
            value={d.expectedCloseDate}
            display={d.expectedCloseDate ? formatDate(d.expectedCloseDate) : undefined}
            onSave={save('expectedCloseDate')}
          />
          <InlineField
            label="Contact"
            kind="select"
            value={d.contactId}
            options={contacts.options}
            display={contacts.nameOf(d.contactId) ?? undefined}
            onSave={save('contactId')}
          />
          <InlineField
            label="Company"
            kind="select"
            value={d.companyId}
            options={companies.options}
            display={companies.nameOf(d.companyId) ?? undefined}
            onSave={save('companyId')}
          />
          <InlineField
            label="Owner"
            kind="user"
            value={d.ownerId}
            options={members.options}
            onSave={save('ownerId')}
          />
          <InlineField label="Tags" kind="tags" value={d.tags} onSave={save('tags')} />
          <CustomFieldsSection entity="deal" values={d.custom} onPatch={canWrite ? patch : undefined} />
        </>
      }
    />
  );
}
