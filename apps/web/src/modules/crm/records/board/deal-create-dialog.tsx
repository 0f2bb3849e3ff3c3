import {
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../../../api/client';
import { applyApiErrors } from '../../../../api/form-errors';
import { type Pipeline, useMembers } from '../crm-api';
import { useCompanyOptions, useContactOptions } from '../record-api';

/** A new deal in the pipeline on screen (first open stage unless another is chosen). */
export function DealCreateDialog({
  pipeline,
  opened,
  onClose,
}: {
  pipeline: Pipeline | undefined;
  opened: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const members = useMembers();
  const companies = useCompanyOptions();
  const contacts = useContactOptions();
  const [error, setError] = useState<string>();
  const form = useForm({
    initialValues: {
      name: '',
      amount: '' as number | string,
      currency: 'USD',
      stageId: '',
      expectedCloseDate: '',
      companyId: '',
      contactId: '',
      ownerId: '',
      tags: [] as string[],
    },
  });
  const stages = (pipeline?.stages ?? []).filter((s) => s.kind === 'open');

  const submit = form.onSubmit(async (v) => {
    setError(undefined);
    try {
      const deal = await unwrap(
        api.POST('/api/brain/crm/deals', {
          body: {
            name: v.name.trim(),
            amount: v.amount === '' ? undefined : Number(v.amount),
            currency: v.currency.trim().toUpperCase() || undefined,
            pipelineId: pipeline?.id,
            stageId: v.stageId || undefined,
            expectedCloseDate: v.expectedCloseDate || null,
            companyId: v.companyId || null,
            contactId: v.contactId || null,
            ownerId: v.ownerId || null,
            tags: v.tags,
          },
        }),
      );
      notifications.show({ message: `Deal “${deal.name}” created`, color: 'teal' });
      await queryClient.invalidateQueries({ queryKey: ['crm', 'board'] });
      queryClient.invalidateQueries({ queryKey: ['crm', 'deals'] });
      form.reset();
      onClose();
    } catch (err) {
      setError(applyApiErrors(form, err));
    }
  });

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`New deal in ${pipeline?.name ?? 'the pipeline'}`}
      centered
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Deal name" required data-autofocus {...form.getInputProps('name')} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput label="Amount" min={0} thousandSeparator="," {...form.getInputProps('amount')} />
            <TextInput label="Currency" maxLength={3} {...form.getInputProps('currency')} />
            <TextInput label="Expected close" type="date" {...form.getInputProps('expectedCloseDate')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Stage"
              placeholder={stages[0]?.name ?? 'First stage'}
              data={stages.map((s) => ({ value: s.id, label: s.name }))}
              clearable
              {...form.getInputProps('stageId')}
            />
            <Select
              label="Owner"
              data={members.options}
              clearable
              searchable
              {...form.getInputProps('ownerId')}
            />
            <Select
              label="Company"
              data={companies.options}
              clearable
              searchable
              {...form.getInputProps('companyId')}
            />
            <Select
              label="Contact"
              data={contacts.options}
              clearable
              searchable
              {...form.getInputProps('contactId')}
            />
          </SimpleGrid>
          <TagsInput label="Tags" {...form.getInputProps('tags')} />
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
              Create deal
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
