import { Anchor, Badge, Button, Card, Group, Modal, Table, Text, TextInput } from '@mantine/core';
import { IconForms, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { EmptyState } from '../../../components/empty-state';
import { formatRelative } from '../../../components/format';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { TableSkeleton } from '../../../components/table-skeleton';
import { crmKeys, formsQuery } from './tools-api';

const STARTER = [
  { key: 'name', label: 'Your name', type: 'text' as const, required: true, options: [] },
  { key: 'email', label: 'Work e-mail', type: 'email' as const, required: true, options: [] },
];

function NewFormDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [name, setName] = useState('');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/brain/crm/forms', {
          body: { name, fields: STARTER, thankYou: 'Thank you! We will be in touch shortly.', active: true },
        }),
      ),
    onSuccess: async (f) => {
      await queryClient.invalidateQueries({ queryKey: crmKeys.forms });
      onClose();
      await navigate({ to: '/crm/forms/$id', params: { id: f.id } });
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title="New form">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <TextInput
          label="Form name"
          description="For you; visitors see the fields, not this name."
          placeholder="Contact us"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={create.isError ? errorMessage(create.error) : undefined}
          required
          data-autofocus
        />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
            Create and edit
          </Button>
        </Group>
      </form>
    </Modal>
  );
}

/** Lead capture forms: the list, with submissions, and a way to create one. */
export function FormsPage() {
  const q = useQuery(formsQuery);
  const [creating, setCreating] = useState(false);
  const newForm = (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
      New form
    </Button>
  );
  return (
    <>
      <PageHeader
        title="Forms"
        description="Lead capture forms for your websites: every submission becomes (or updates) a lead and is scored."
        actions={newForm}
      />
      <Card withBorder padding="lg">
        {q.isPending ? (
          <TableSkeleton />
        ) : q.isError ? (
          <QueryError error={q.error} onRetry={() => q.refetch()} />
        ) : q.data.items.length === 0 ? (
          <EmptyState
            icon={<IconForms size={28} aria-hidden />}
            title="No forms yet"
            description="Create a form, choose its fields and paste the snippet into any website page."
            action={newForm}
          />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" highlightOnHover aria-label="Forms">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th ta="right">Fields</Table.Th>
                  <Table.Th ta="right">Submissions</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Changed</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.items.map((f) => (
                  <Table.Tr key={f.id}>
                    <Table.Td>
                      <Anchor
                        fw={500}
                        renderRoot={(props) => <Link {...props} to="/crm/forms/$id" params={{ id: f.id }} />}
                      >
                        {f.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right">{f.fields.length}</Table.Td>
                    <Table.Td ta="right">{f.submissions.toLocaleString()}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={f.active ? 'teal' : 'gray'}>
                        {f.active ? 'active' : 'inactive'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatRelative(f.updatedAt)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <NewFormDialog opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}
