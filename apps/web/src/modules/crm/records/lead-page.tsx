import { Badge, SimpleGrid } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate, useParams } from '@tanstack/react-router';
import { api, unwrap } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { ConfirmButton } from '../../../components/confirm-button';
import { formatDate } from '../../../components/format';
import { type Lead, personName, useMembers } from './crm-api';
import { CustomFieldsSection } from './custom-fields-section';
import { LEAD_STATUSES } from './entity-fields';
import { InlineField } from './inline-field';
import { ConvertedCard, ConvertLeadButton, LeadScoreCard } from './lead-side';
import { usePatchRecord, useRecord } from './record-api';
import { ScoreBadge } from './record-cells';
import { RecordShell, RecordState } from './record-shell';

/** One lead: fields edited in place, score with reasons, convert, timeline. */
export function LeadPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const navigate = useNavigate();
  const canWrite = useCan('crm:write');
  const lead = useRecord<Lead>('lead', id);
  const patch = usePatchRecord<Lead>('lead', id);
  const members = useMembers();
  if (!lead.data) return <RecordState error={lead.error} onRetry={() => lead.refetch()} />;
  const l = lead.data;
  const open = l.status !== 'converted';
  const edit = canWrite && open;
  const save = edit ? (key: string) => (v: unknown) => patch({ [key]: v }) : () => undefined;
  const saveString = edit ? (key: string) => (v: unknown) => patch({ [key]: v ?? '' }) : () => undefined;
  const name = personName(l, l.email ?? l.companyName ?? 'Unnamed lead');

  const remove = async () => {
    await unwrap(api.DELETE('/api/brain/crm/leads/{id}', { params: { path: { id } } }));
    notifications.show({ message: `${name} was deleted`, color: 'teal' });
    await navigate({ to: '/crm/leads' });
  };

  return (
    <RecordShell
      sideFirst
      entity="lead"
      id={id}
      title={name}
      badges={
        <>
          <ScoreBadge score={l.score} />
          <Badge variant="dot" color={l.status === 'converted' ? 'teal' : 'blue'}>
            {l.status}
          </Badge>
        </>
      }
      subtitle={`${[l.jobTitle, l.companyName].filter(Boolean).join(' at ') || 'Lead'} · from ${l.source ?? 'unknown source'} · ${formatDate(l.createdAt)}`}
      actions={
        canWrite && (
          <>
            {open && <ConvertLeadButton lead={l} />}
            <ConfirmButton
              size="sm"
              title={`Delete ${name}?`}
              message="The lead and its activities go away. This cannot be undone."
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
          <SimpleGrid cols={2}>
            <InlineField label="First name" value={l.firstName} onSave={saveString('firstName')} />
            <InlineField label="Last name" value={l.lastName} onSave={saveString('lastName')} />
          </SimpleGrid>
          <InlineField label="E-mail" value={l.email} onSave={save('email')} />
          <InlineField label="Phone" value={l.phone} onSave={save('phone')} />
          <InlineField label="Company" value={l.companyName} onSave={save('companyName')} />
          <InlineField label="Job title" value={l.jobTitle} onSave={save('jobTitle')} />
          <InlineField
            label="Status"
            kind="select"
            value={l.status}
            options={LEAD_STATUSES.filter((s) => s !== 'converted')}
            onSave={edit ? (v) => patch({ status: v ?? 'new' }) : undefined}
          />
          <InlineField
            label="Owner"
            kind="user"
            value={l.ownerId}
            options={members.options}
            onSave={save('ownerId')}
          />
          <InlineField label="Source" value={l.source} onSave={save('source')} />
          <InlineField label="Page" value={l.pageUrl} onSave={save('pageUrl')} />
          <InlineField label="Tags" kind="tags" value={l.tags} onSave={save('tags')} />
          <CustomFieldsSection entity="lead" values={l.custom} onPatch={edit ? patch : undefined} />
        </>
      }
      side={
        <>
          <ConvertedCard lead={l} />
          <LeadScoreCard lead={l} />
        </>
      }
    />
  );
}
