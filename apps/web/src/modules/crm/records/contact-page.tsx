import { Divider, SimpleGrid } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate, useParams } from '@tanstack/react-router';
import { api, unwrap } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { ConfirmButton } from '../../../components/confirm-button';
import { formatDate } from '../../../components/format';
import { type Contact, personName, useMembers } from './crm-api';
import { CustomFieldsSection } from './custom-fields-section';
import { DuplicatesCard } from './duplicates-card';
import { InlineField } from './inline-field';
import { useCompanyOptions, usePatchRecord, useRecord } from './record-api';
import { RecordLink } from './record-link';
import { RecordShell, RecordState } from './record-shell';
import { RelatedDeals } from './related-deals';

/** One contact: fields edited in place, its deals, possible duplicates, and its timeline. */
export function ContactPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const navigate = useNavigate();
  const canWrite = useCan('crm:write');
  const contact = useRecord<Contact>('contact', id);
  const patch = usePatchRecord<Contact>('contact', id);
  const members = useMembers();
  const companies = useCompanyOptions();
  if (!contact.data) return <RecordState error={contact.error} onRetry={() => contact.refetch()} />;
  const c = contact.data;
  const save = canWrite ? (key: string) => (v: unknown) => patch({ [key]: v }) : () => undefined;
  const saveString = canWrite ? (key: string) => (v: unknown) => patch({ [key]: v ?? '' }) : () => undefined;
  const company = companies.nameOf(c.companyId);

  const remove = async () => {
    await unwrap(api.DELETE('/api/brain/crm/contacts/{id}', { params: { path: { id } } }));
    notifications.show({ message: `${personName(c)} was deleted`, color: 'teal' });
    await navigate({ to: '/crm/contacts' });
  };

  return (
    <RecordShell
      entity="contact"
      id={id}
      title={personName(c, c.emails[0] ?? 'Unnamed contact')}
      subtitle={
        <>
          {c.jobTitle ?? 'Contact'}
          {c.companyId && (
            <>
              {' at '}
              <RecordLink entity="company" id={c.companyId} size="sm">
                {company ?? 'their company'}
              </RecordLink>
            </>
          )}
          {` · added ${formatDate(c.createdAt)}`}
        </>
      }
      actions={
        canWrite && (
          <ConfirmButton
            size="sm"
            title={`Delete ${personName(c)}?`}
            message="The contact goes away; deals and activities stay on their other records. This cannot be undone."
            confirmLabel="Delete"
            onConfirm={remove}
          >
            Delete
          </ConfirmButton>
        )
      }
      fields={
        <>
          <SimpleGrid cols={2}>
            <InlineField label="First name" value={c.firstName} onSave={saveString('firstName')} />
            <InlineField label="Last name" value={c.lastName} onSave={saveString('lastName')} />
          </SimpleGrid>
          <InlineField label="E-mails" kind="tags" value={c.emails} onSave={save('emails')} />
          <InlineField label="Phones" kind="tags" value={c.phones} onSave={save('phones')} />
          <InlineField label="Job title" value={c.jobTitle} onSave={save('jobTitle')} />
          <InlineField
            label="Company"
            kind="select"
            value={c.companyId}
            options={companies.options}
            display={company ?? undefined}
            onSave={save('companyId')}
          />
          <InlineField
            label="Owner"
            kind="user"
            value={c.ownerId}
            options={members.options}
            onSave={save('ownerId')}
          />
          <InlineField label="Source" value={c.source} onSave={save('source')} />
          <InlineField label="Tags" kind="tags" value={c.tags} onSave={save('tags')} />
          <Divider label="Address" labelPosition="left" />
          <SimpleGrid cols={2}>
            {(['street', 'city', 'region', 'postalCode', 'country'] as const).map((k) => (
              <InlineField
                key={k}
                label={k === 'postalCode' ? 'Postal code' : k.charAt(0).toUpperCase() + k.slice(1)}
                value={c.address[k]}
                onSave={
                  canWrite ? (v) => patch({ address: { ...c.address, [k]: v ?? undefined } }) : undefined
                }
              />
            ))}
          </SimpleGrid>
          <CustomFieldsSection entity="contact" values={c.custom} onPatch={canWrite ? patch : undefined} />
        </>
      }
      side={
        <>
          <RelatedDeals filter={{ contactId: id }} />
          <DuplicatesCard contact={c} />
        </>
      }
    />
  );
}
