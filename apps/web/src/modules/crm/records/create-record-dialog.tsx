import { Button, Group, Modal, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client';
import { applyApiErrors } from '../../../api/form-errors';
import { crmKeys, type TableEntity, useMembers } from './crm-api';
import { COMPANY_SIZES, LEAD_STATUSES } from './entity-fields';

const initial = {
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  jobTitle: '',
  name: '',
  domain: '',
  industry: '',
  size: '',
  companyName: '',
  source: '',
  status: 'new',
  tags: [] as string[],
  ownerId: '',
};
type Values = typeof initial;
const orNull = (s: string) => s.trim() || null;
const orUndef = (s: string) => s.trim() || undefined;

function create(entity: TableEntity, v: Values) {
  const common = { tags: v.tags, ownerId: v.ownerId || null };
  if (entity === 'contact')
    return unwrap(
      api.POST('/api/brain/crm/contacts', {
        body: {
          ...common,
          firstName: v.firstName.trim(),
          lastName: v.lastName.trim(),
          emails: v.email.trim() ? [v.email.trim()] : [],
          phones: v.phone.trim() ? [v.phone.trim()] : [],
          jobTitle: orNull(v.jobTitle),
          source: orNull(v.source),
        },
      }),
    );
  if (entity === 'company')
    return unwrap(
      api.POST('/api/brain/crm/companies', {
        body: {
          ...common,
          name: v.name.trim(),
          domain: orNull(v.domain),
          industry: orNull(v.industry),
          size: (v.size || null) as '1-10' | null,
          phone: orNull(v.phone),
        },
      }),
    );
  return unwrap(
    api.POST('/api/brain/crm/leads', {
      body: {
        ...common,
        firstName: orUndef(v.firstName),
        lastName: orUndef(v.lastName),
        email: orNull(v.email),
        phone: orNull(v.phone),
        companyName: orNull(v.companyName),
        jobTitle: orNull(v.jobTitle),
        source: orNull(v.source),
        status: v.status as 'new',
      },
    }),
  );
}

const TITLES: Record<TableEntity, string> = {
  contact: 'New contact',
  company: 'New company',
  lead: 'New lead',
};

/** Create a contact, company or lead; the hub's field errors show next to the fields. */
export function CreateRecordDialog({
  entity,
  opened,
  onClose,
}: {
  entity: TableEntity;
  opened: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const members = useMembers();
  const form = useForm({ initialValues: initial });
  const [error, setError] = useState<string>();
  const field = (name: keyof Values, label: string, props: Record<string, unknown> = {}) => (
    <TextInput label={label} {...form.getInputProps(name)} key={form.key(name)} {...props} />
  );

  const submit = form.onSubmit(async (values) => {
    setError(undefined);
    try {
      await create(entity, values);
      notifications.show({ message: `${TITLES[entity].replace('New ', '')} created`, color: 'teal' });
      await queryClient.invalidateQueries({ queryKey: crmKeys.list(entity) });
      form.reset();
      onClose();
    } catch (err) {
      setError(applyApiErrors(form, err, { emails: 'email', 'emails.0': 'email', phones: 'phone' }));
    }
  });

  return (
    <Modal opened={opened} onClose={onClose} title={TITLES[entity]} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {entity === 'company' ? (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {field('name', 'Company name', { required: true, 'data-autofocus': true })}
              {field('domain', 'Domain', { placeholder: 'example.com' })}
              {field('industry', 'Industry')}
              <Select label="Size" data={COMPANY_SIZES} clearable {...form.getInputProps('size')} />
              {field('phone', 'Phone')}
            </SimpleGrid>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {field('firstName', 'First name', { 'data-autofocus': true })}
              {field('lastName', 'Last name')}
              {field('email', 'E-mail', { type: 'email' })}
              {field('phone', 'Phone')}
              {entity === 'lead' && field('companyName', 'Company')}
              {field('jobTitle', 'Job title')}
              {field('source', 'Source', { placeholder: 'website, referral, event…' })}
              {entity === 'lead' && (
                <Select
                  label="Status"
                  data={LEAD_STATUSES.filter((s) => s !== 'converted')}
                  allowDeselect={false}
                  {...form.getInputProps('status')}
                />
              )}
            </SimpleGrid>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Owner"
              data={members.options}
              clearable
              searchable
              {...form.getInputProps('ownerId')}
            />
            <TagsInput label="Tags" {...form.getInputProps('tags')} />
          </SimpleGrid>
          {error && (
            <Text c="red" size="sm" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Create
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
