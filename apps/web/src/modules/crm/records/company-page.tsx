import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { api, unwrap } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { ConfirmButton } from '../../../components/confirm-button';
import { formatDate } from '../../../components/format';
import { type Company, type Contact, personName, useMembers } from './crm-api';
import { CustomFieldsSection } from './custom-fields-section';
import { COMPANY_SIZES } from './entity-fields';
import { InlineField } from './inline-field';
import { fetchPage } from './list-api';
import { usePatchRecord, useRecord } from './record-api';
import { RecordLink } from './record-link';
import { RecordShell, RecordState } from './record-shell';
import { RelatedDeals } from './related-deals';

function CompanyContacts({ companyId }: { companyId: string }) {
  const contacts = useQuery({
    queryKey: ['crm', 'contacts', 'list', 'company', companyId],
    queryFn: () => fetchPage('contact', { filter: { companyId }, sort: 'lastName' }, undefined, 50),
  });
  const items = (contacts.data?.items ?? []) as Contact[];
  return (
    <Card withBorder padding="lg">
      <Stack gap="xs">
        <Title order={2} size="h5">
          People ({items.length}
          {contacts.data?.nextCursor ? '+' : ''})
        </Title>
        {items.length === 0 && (
          <Text size="sm" c="dimmed">
            No contacts at this company yet.
          </Text>
        )}
        {items.map((c) => (
          <Group key={c.id} justify="space-between" wrap="nowrap">
            <RecordLink entity="contact" id={c.id} size="sm" fw={500}>
              {personName(c, c.emails[0] ?? 'Unnamed')}
            </RecordLink>
            <Text size="xs" c="dimmed" lineClamp={1}>
              {c.jobTitle ?? ''}
            </Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

/** One company: fields edited in place, its people and deals, and its timeline. */
export function CompanyPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const navigate = useNavigate();
  const canWrite = useCan('crm:write');
  const company = useRecord<Company>('company', id);
  const patch = usePatchRecord<Company>('company', id);
  const members = useMembers();
  if (!company.data) return <RecordState error={company.error} onRetry={() => company.refetch()} />;
  const c = company.data;
  // The company PATCH takes the whole body schema, whose name is required: send it along.
  const save = canWrite
    ? (key: string) => (v: unknown) => patch({ name: c.name, [key]: v })
    : () => undefined;

  const remove = async () => {
    await unwrap(api.DELETE('/api/brain/crm/companies/{id}', { params: { path: { id } } }));
    notifications.show({ message: `${c.name} was deleted`, color: 'teal' });
    await navigate({ to: '/crm/companies' });
  };

  return (
    <RecordShell
      entity="company"
      id={id}
      title={c.name}
      subtitle={`${[c.industry, c.size && `${c.size} people`, c.domain].filter(Boolean).join(' · ') || 'Company'} · added ${formatDate(c.createdAt)}`}
      actions={
        canWrite && (
          <ConfirmButton
            size="sm"
            title={`Delete ${c.name}?`}
            message="The company goes away; its contacts and deals stay without a company. This cannot be undone."
            confirmLabel="Delete"
            onConfirm={remove}
          >
            Delete
          </ConfirmButton>
        )
      }
      fields={
        <>
          <InlineField
            label="Name"
            value={c.name}
            onSave={canWrite ? (v) => patch({ name: v ?? '' }) : undefined}
          />
          <InlineField label="Domain" value={c.domain} onSave={save('domain')} />
          <InlineField label="Industry" value={c.industry} onSave={save('industry')} />
          <InlineField
            label="Size"
            kind="select"
            value={c.size}
            options={COMPANY_SIZES}
            onSave={save('size')}
          />
          <InlineField label="Phone" value={c.phone} onSave={save('phone')} />
          <InlineField
            label="Owner"
            kind="user"
            value={c.ownerId}
            options={members.options}
            onSave={save('ownerId')}
          />
          <InlineField label="Tags" kind="tags" value={c.tags} onSave={save('tags')} />
          <InlineField
            label="City"
            value={c.address.city}
            onSave={
              canWrite
                ? (v) => patch({ name: c.name, address: { ...c.address, city: v ?? undefined } })
                : undefined
            }
          />
          <InlineField
            label="Country"
            value={c.address.country}
            onSave={
              canWrite
                ? (v) => patch({ name: c.name, address: { ...c.address, country: v ?? undefined } })
                : undefined
            }
          />
          <CustomFieldsSection
            entity="company"
            values={c.custom}
            onPatch={canWrite ? (b) => patch({ name: c.name, ...b }) : undefined}
          />
        </>
      }
      side={
        <>
          <CompanyContacts companyId={id} />
          <RelatedDeals filter={{ companyId: id }} />
        </>
      }
    />
  );
}
